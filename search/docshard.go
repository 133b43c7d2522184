package search

// The data shards: what a result shows of a document — ID, title, link,
// type, summary, sections with their headings, anchors and text for the
// snippet. A shard holds the documents of a range of numbers; up to
// maxDocShards documents each has a shard of its own, beyond that they
// share, so that an index of 10,000 documents is a few thousand files, not
// one per document.
//
// A query shows six results from as many shards (documents about the
// same subject are not numbered together, whatever their order: the
// documents a query ranks first are spread over the site), so what a
// document adds to its shard is what a result costs. A shard's documents
// therefore share a text budget, docShardText: a document's sections keep
// their beginnings, each an equal share (water-filling), and a text cut
// short ends in "…". Sites up to maxDocShards documents keep their text
// whole unless a document is very long; at 10,000 documents a document
// keeps about 1,400 characters for its snippets. The whole shard is one
// DEFLATE stream (its documents share words), written in the binary
// alphabet.

import (
	"bytes"
	"compress/flate"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

const (
	// maxDocShards is the number of data shards beyond which documents
	// share shards.
	maxDocShards = 1000
	// docShardText is the bytes of section text a data shard holds: its
	// documents share it.
	docShardText = 14 << 10
	// ellipsis ends a text cut short.
	ellipsis = "…"
)

// docsPerShard is the number of documents in a data shard of a site of n
// documents.
func docsPerShard(n int) int {
	return max(1, (n+maxDocShards-1)/maxDocShards)
}

// writeDocShards writes the data shards, on all cores, and returns the
// number of documents in each.
func (s *site) writeDocShards(files map[string][]byte) int {
	per := docsPerShard(len(s.docs))
	n := (len(s.docs) + per - 1) / per
	out := make([][]byte, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			var buf bytes.Buffer
			w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
			var js []byte
			for i := range next {
				records := make([]docRecord, 0, per)
				for _, a := range s.docs[i*per : min(len(s.docs), (i+1)*per)] {
					records = append(records, a.trimmedRecord(docShardText/per))
				}
				js = appendTuple(js[:0], records)
				buf.Reset()
				w.Reset(&buf)
				w.Write(js)
				w.Close()
				data := appendBinary(make([]byte, 0, buf.Len()*5/4+2), buf.Bytes())
				key := keyDocShard + itoa(i)
				out[i] = scriptFile(key, docShardFile{Data: string(data), Size: buf.Len()})
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, b := range out {
		files[keyDocShard+itoa(i)+".js"] = b
	}
	return per
}

// trimmedRecord is a's record with its sections' texts cut to budget
// bytes in all (see textShare).
func (a *Analyzed) trimmedRecord(budget int) docRecord {
	rec := a.record
	rec.Sections = slices.Clone(rec.Sections)
	share := textShare(a.textLens, budget)
	for i, text := range a.texts {
		if int(a.textLens[i]) > share {
			// A document analysed for a larger site (a smaller
			// TextBudget) has kept less: it shows what it kept.
			text = cutText(text, min(share, len(text)-1))
		}
		rec.Sections[i].Text = text
	}
	return rec
}

// textShare is the bytes each of texts of the given lengths keeps for them
// all to keep budget bytes: the short ones whole, the others an equal
// share of what is left (water-filling); the longest length when they all
// fit.
func textShare(lens []int32, budget int) int {
	sorted := slices.Clone(lens)
	slices.Sort(sorted)
	left := budget
	for i, l := range sorted {
		share := left / (len(sorted) - i)
		if int(l) > share {
			return share
		}
		left -= int(l)
	}
	if len(sorted) == 0 {
		return 0
	}
	return int(sorted[len(sorted)-1])
}

// cutText cuts s to at most n bytes at the end of a word and marks the
// cut with an ellipsis.
func cutText(s string, n int) string {
	if n <= 0 {
		return ""
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	// Back to the last space, unless that takes most of the share.
	if i := strings.LastIndexFunc(s[:cut], unicode.IsSpace); i > cut/2 {
		cut = i
	}
	return strings.TrimRightFunc(s[:cut], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + ellipsis
}
