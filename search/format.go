package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// The format of the static index: the payload of every kind of file, as Go
// types. Export writes the files from these types (appendTuple, and
// encoding/json for the manifest), and client/format.ts, which the client
// reads them with, is generated from the same types and constants
// (TestFormatFile; go test ./search -run TestFormatFile -update), so the two
// sides cannot drift apart.
//
// Every file is a script, ismsSearch(key, payload…): a file's payload is
// the fields of its struct, in order, as arguments. A struct inside a
// payload is written as an array of its fields (a tuple); a digits field
// as a string of numbers in the digit alphabet (encode.go).

// formatVersion is the version of the index format; the client refuses
// any other.
const formatVersion = 2

// The keys of the files: key + ".js" is the file's path in search/.
const (
	keyManifest  = "manifest"
	keyTypes     = "types"
	keyEntries   = "entries"
	keyTermShard = "t/" // + shard number
	keyDictShard = "w/"
	keyDocShard  = "d/"
)

// digits is a string of numbers in the digit alphabet (see appendNum).
type digits string

// manifestFile is manifest.js: what every query needs first.
type manifestFile struct {
	Version   int      `json:"version"`
	Lang      string   `json:"lang"` // nb or en: the language of the strings
	Docs      int      `json:"docs"`
	Analyzers []string `json:"analyzers"` // the analyzers the documents use: "no", "en"
	Fields    []string `json:"fields"`
	Boosts    []int    `json:"boosts"`
	BodyField int      `json:"bodyField"`
	// BodyLengths run-length encodes every document's body length in
	// tokens (documents are numbered by it): pairs of increase and count.
	BodyLengths digits `json:"bodyLengths"`
	// DocsPerShard is the number of documents in each data shard: document
	// n is in shard n / DocsPerShard.
	DocsPerShard int `json:"docsPerShard"`
	Completions  int `json:"completions"`
	MinPrefix    int `json:"minPrefix"`
	MaxWords     int `json:"maxWords"`
	// PartMark ends the terms of compounds' parts; "" when no document was
	// split. PartWeight and TranslationWeight weigh a query's terms.
	PartMark          string  `json:"partMark"`
	PartWeight        float64 `json:"partWeight"`
	TranslationWeight float64 `json:"translationWeight"`
	// TermShards and DictShards are the lower bounds of the shards,
	// front-coded (see appendBounds).
	TermShards string            `json:"termShards"`
	DictShards string            `json:"dictShards"`
	Types      []string          `json:"types"`
	Entries    bool              `json:"entries"`
	Strings    map[string]string `json:"strings"`
}

// termShardFile is t/N.js: the terms of a range with their postings, and
// the vocabulary's phrases that begin with them.
type termShardFile struct {
	Terms []string
	// Postings are each term's postings (see appendPostings); "" for a
	// term no document has, which is here for its phrases.
	Postings []digits
	Phrases  []phraseEntry
}

// phraseEntry is a phrase of the vocabulary (see vocabulary.go).
type phraseEntry struct {
	Term   int      // the phrase's first term, as an index in the shard's Terms
	Rest   []string // the phrase's other terms, in order
	Expand []string // the terms of the phrase's translations that documents have
}

// dictShardFile is w/N.js: the terms a word being typed completes to and
// a misspelt word is corrected to.
type dictShardFile struct {
	Terms  []string
	Counts digits   // each term's number of postings (0 for a word of the vocabulary only)
	Forms  []string // the word that produced the term; "" when it is the term
}

// docShardFile is d/N.js: the data of DocsPerShard documents, to show
// them as results.
type docShardFile struct {
	// Data is a JSON array of docRecord, compressed with DEFLATE and
	// written in the binary alphabet (see appendBinary).
	Data string
	Size int // the length of the compressed data in bytes
}

// docRecord is a document as a result shows it.
type docRecord struct {
	ID, Title, URL, Type string
	Analyzer             string // "no" or "en"
	Summary              string
	Sections             []sectionRecord
}

// sectionRecord is a section of a document: its heading and anchor, and
// its text for snippets, which ends in "…" where a large site's index cut
// it short (see docText).
type sectionRecord struct {
	Heading, Anchor, Text string
}

// typesFile is types.js: every document's type, as an index in the
// manifest's Types.
type typesFile struct {
	Codes digits
}

// entriesFile is entries.js: the catalogue entries an ID query offers.
type entriesFile struct {
	Entries []entryRecord
}

type entryRecord struct {
	ID, Kind, Title, URL string
}

// scriptFile is an index file: ismsSearch("key",arg,…); with the fields of
// payload, a struct, as arguments — except the manifest, which is one
// argument, an object.
func scriptFile(key string, payload any) []byte {
	b := make([]byte, 0, 256)
	b = append(b, registerFunc...)
	b = append(b, '(')
	b = appendJSString(b, key)
	v := reflect.ValueOf(payload)
	if v.Kind() == reflect.Struct && v.Type() != manifestType {
		for i := range v.NumField() {
			b = append(b, ',')
			b = appendValue(b, v.Field(i))
		}
	} else {
		b = append(b, ',')
		b = appendValue(b, v)
	}
	return append(b, ");\n"...)
}

// appendTuple appends v as JSON: a struct as the array of its fields.
func appendTuple(dst []byte, v any) []byte {
	return appendValue(dst, reflect.ValueOf(v))
}

var manifestType = reflect.TypeFor[manifestFile]()

func appendValue(dst []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.String:
		return appendJSString(dst, v.String())
	case reflect.Int, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, v.Int(), 10)
	case reflect.Bool:
		return strconv.AppendBool(dst, v.Bool())
	case reflect.Float64:
		f := v.Float()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			panic("search: a number in the index is not finite")
		}
		return strconv.AppendFloat(dst, f, 'g', -1, 64)
	case reflect.Slice:
		dst = append(dst, '[')
		for i := range v.Len() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, v.Index(i))
		}
		return append(dst, ']')
	case reflect.Struct:
		if v.Type() == manifestType {
			return appendJSON(dst, v.Interface())
		}
		dst = append(dst, '[')
		for i := range v.NumField() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, v.Field(i))
		}
		return append(dst, ']')
	}
	panic(fmt.Sprintf("search: no index encoding for %s", v.Type()))
}

// appendJSON appends v as JSON with encoding/json, without HTML escapes
// (the file is a script, not HTML); map keys come sorted.
func appendJSON(dst []byte, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("search: encoding the manifest: %v", err))
	}
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}
