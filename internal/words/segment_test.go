package words

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// tokenizer is the reference: bleve's unicode tokenizer, which both of
// the search index's analyzers use.
var tokenizer = unicode.NewUnicodeTokenizer()

func tokenizerWords(text string) []string {
	var out []string
	for _, tok := range tokenizer.Tokenize([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// cutWords is what Cut cuts text into, checking that the ranges it gives
// are in order and do not overlap.
func cutWords(t testing.TB, s *Scratch, text string) []string {
	t.Helper()
	var out []string
	last := 0
	Cut(text, s, func(start, end int) {
		if start < last || end <= start || end > len(text) {
			t.Fatalf("%q: Cut gave the range %d:%d after one ending at %d", text, start, end, last)
		}
		last = end
		out = append(out, text[start:end])
	})
	return out
}

func checkCut(t testing.TB, s *Scratch, text string) {
	t.Helper()
	if got, want := cutWords(t, s, text), tokenizerWords(text); !slices.Equal(got, want) {
		t.Fatalf("%q: Cut gives %q, the tokenizer %q", text, got, want)
	}
}

// cutAlphabet has characters of every class of the fast path, and some
// it does not know: a combining accent, a soft hyphen, a zero-width
// joiner, a currency sign, an ideograph, a regional indicator, an emoji.
var cutAlphabet = []string{
	"a", "Z", "ø", "Å", "ª", "1", "_", ":", "·", ",", ";", ".", "'", "’",
	" ", "\n", "-", "×", "–", "«", "\u00a0", "\u2024", "\u2027",
	"é", "\u00ad", "\u0301", "€", "\u200d", "日", "\U0001F1F3", "\U0001F600",
}

// TestCutIsTokenizer holds Cut equal to bleve's tokenizer on every string
// of up to four characters of cutAlphabet (every character between every
// two others), on random longer ones, and on every Markdown file of the
// example ISMS.
func TestCutIsTokenizer(t *testing.T) {
	var s Scratch
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		checkCut(t, &s, prefix)
		if n == 0 {
			return
		}
		for _, c := range cutAlphabet {
			gen(prefix+c, n-1)
		}
	}
	gen("", 4)

	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for range 5 + rng.IntN(40) {
			b.WriteString(cutAlphabet[rng.IntN(len(cutAlphabet))])
		}
		checkCut(t, &s, b.String())
	}

	files := 0
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		checkCut(t, &s, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Fatalf("read %d Markdown files of the example ISMS, want all of them", files)
	}
}

// TestCutStretches checks the text the segmenter gets around characters
// the fast path does not know, where a wrong cut would split or join
// words: a combining accent or a format character after a word or a
// separator, a character of another script inside a word.
func TestCutStretches(t *testing.T) {
	var s Scratch
	for _, text := range []string{
		"café\u0301 au lait",
		"abc-\u0301 def",
		"abc.\u0301def ghi",
		"abc'\u0301x ok",
		"ISO\u00ad27001 og ISO 27002",
		"x\u200by z",
		"Kostnad 5 € per år",
		"tekst 日本語 tekst",
		"e.g. 8.28 don't 日 a.b",
		"\u0301start",
		"slutt \u0301",
		"  ",
	} {
		checkCut(t, &s, text)
	}
}

// FuzzCut compares Cut with the tokenizer on any valid UTF-8 text.
func FuzzCut(f *testing.F) {
	for _, s := range []string{"e.g. don't 8.28", "1,5 mill.", "a:b ·c", "flerfaktor\u00adautentisering", "«sitat» – ’n", "x_y__1", "abc-\u0301 d", "日本 x"} {
		f.Add(s)
	}
	var s Scratch
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("Cut takes valid UTF-8")
		}
		checkCut(t, &s, text)
	})
}

// TestASCIIWordRun holds ASCIIWordRun, which reads eight bytes at a time,
// equal to reading byte by byte: every byte value at every place of a run
// of letters, from every start.
func TestASCIIWordRun(t *testing.T) {
	byteByByte := func(text string, i int) int {
		for i < len(text) && ByteClass(text[i]).PartOfWord() {
			i++
		}
		return i
	}
	for b := range 256 {
		for p := range 20 {
			text := []byte("AbcdefghijklmnopqrstUVWXYZ")[:20]
			text[p] = byte(b)
			for from := range len(text) {
				if got, want := ASCIIWordRun(string(text), from), byteByByte(string(text), from); got != want {
					t.Fatalf("%q from %d: ASCIIWordRun %d, want %d", text, from, got, want)
				}
			}
		}
	}
}
