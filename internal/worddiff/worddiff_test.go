package worddiff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// show writes ops in git's --word-diff=plain notation, so expectations
// can be written by hand: [-removed-] {+added+}.
func show(ops []Op) string {
	var b strings.Builder
	for _, o := range ops {
		switch o.Kind {
		case Equal:
			b.WriteString(o.Text)
		case Delete:
			b.WriteString("[-" + o.Text + "-]")
		case Insert:
			b.WriteString("{+" + o.Text + "+}")
		}
	}
	return b.String()
}

// checkOps fails unless ops spell old and new and are well formed.
func checkOps(t testing.TB, old, new string, ops []Op) {
	t.Helper()
	var o, n strings.Builder
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d has empty text: %q", i, ops)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d are both %v: %q", i-1, i, op.Kind, ops)
		}
		if i > 0 && ops[i-1].Kind == Insert && op.Kind == Delete {
			t.Fatalf("op %d: a deletion after an insertion: %q", i, ops)
		}
		if op.Kind != Insert {
			o.WriteString(op.Text)
		}
		if op.Kind != Delete {
			n.WriteString(op.Text)
		}
	}
	if o.String() != old {
		t.Fatalf("old text not kept:\n got %q\nwant %q", o.String(), old)
	}
	if n.String() != new {
		t.Fatalf("new text not kept:\n got %q\nwant %q", n.String(), new)
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"same", "Policyen gjelder alle.", "Policyen gjelder alle.", "Policyen gjelder alle."},
		{"both empty", "", "", ""},
		{"all new", "", "Ny tekst.", "{+Ny tekst.+}"},
		{"all removed", "Gammel tekst.", "", "[-Gammel tekst.-]"},
		{
			"a rewritten phrase is one change",
			"Rutinen skal godkjennes av daglig leder.",
			"Prosedyren må godkjennes av daglig leder.",
			"[-Rutinen skal-]{+Prosedyren må+} godkjennes av daglig leder.",
		},
		{
			"words added inside a sentence",
			"Tilgang gis etter behov, og fjernes ved fratreden.",
			"Tilgang gis etter tjenstlig behov, og fjernes straks ved fratreden.",
			"Tilgang gis etter{+ tjenstlig+} behov, og fjernes{+ straks+} ved fratreden.",
		},
		{
			"numbers with decimal comma and standard years are words",
			"Versjon 1,5 av ISO/IEC 27001:2013 gjelder.",
			"Versjon 2,0 av ISO/IEC 27001:2022 gjelder.",
			"Versjon [-1,5-]{+2,0+} av ISO/IEC [-27001:2013-]{+27001:2022+} gjelder.",
		},
		{
			"punctuation changes alone",
			"Logger lagres i 90 dager. Deretter slettes de.",
			"Logger lagres i 90 dager; deretter slettes de!",
			"Logger lagres i 90 dager[-. Deretter-]{+; deretter+} slettes de[-.-]{+!+}",
		},
		{
			"a list item added starts at its line",
			"- a\n- b\n",
			"- a\n- x\n- b\n",
			"- a\n{+- x\n+}- b\n",
		},
		{
			"a list item removed",
			"- Brannmur\n- Antivirus\n- Logging\n",
			"- Brannmur\n- Logging\n",
			"- Brannmur\n[-- Antivirus\n-]- Logging\n",
		},
		{
			"changed items of a numbered list stay on their lines",
			"1. Første punkt\n2. Andre punkt\n3. Tredje punkt\n",
			"1. Første punkt\n2. Endret punkt\n3. Tredje avsnitt\n",
			"1. Første punkt\n2. [-Andre-]{+Endret+} punkt\n3. Tredje [-punkt-]{+avsnitt+}\n",
		},
		{
			"emphasis markers are tokens of their own",
			"Dette er **viktig** for alle.",
			"Dette er **svært viktig** for alle.",
			"Dette er **{+svært +}viktig** for alle.",
		},
		{
			"Norwegian letters and quotes",
			"Ansatte skal melde «avvik» til IT-sjefen.",
			"Ansatte skal melde «sikkerhetsbrudd» til IT-sjefen straks.",
			"Ansatte skal melde «[-avvik-]{+sikkerhetsbrudd+}» til IT-sjefen{+ straks+}.",
		},
		{
			"a paragraph re-wrapped keeps its words",
			"Alle ansatte skal gjennomføre\nopplæring hvert år.",
			"Alle ansatte skal\ngjennomføre opplæring hvert år.",
			"Alle ansatte skal[- -]{+\n+}gjennomføre[-\n-]{+ +}opplæring hvert år.",
		},
		{
			"CRLF line breaks",
			"Linje en\r\nLinje to\r\n",
			"Linje en\r\nLinje tre\r\n",
			"Linje en\r\nLinje [-to-]{+tre+}\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := Diff(tt.old, tt.new)
			checkOps(t, tt.old, tt.new, ops)
			if got := show(ops); got != tt.want {
				t.Errorf("Diff:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{
			"Se f.eks. punkt 5.15 (tilgangsstyring) og e-post: «Hei»!",
			[]string{"Se", " ", "f.eks", ".", " ", "punkt", " ", "5.15", " ", "(", "tilgangsstyring", ")", " ", "og", " ", "e-post", ":", " ", "«", "Hei", "»", "!"},
		},
		{
			"**Viktig:**  1,5 t\r\n- A.9.1.1\t[[POL-01]]",
			[]string{"**", "Viktig", ":", "**", "  ", "1,5", " ", "t", "\r\n", "-", " ", "A.9.1.1", "\t", "[[", "POL-01", "]]"},
		},
		{
			"kl. 08:00, a:b og 1,a",
			[]string{"kl", ".", " ", "08:00", ",", " ", "a", ":", "b", " ", "og", " ", "1", ",", "a"},
		},
		{"\xff\xfeå", []string{"\xff", "\xfe", "å"}},
	}
	for _, tt := range tests {
		if got := tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q):\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	ops := Diff("Tilgang gis etter behov.", "Tilgang gis raskt etter tjenstlig behov, alltid.")
	ins, del := Count(ops)
	// Added: raskt, tjenstlig, alltid; removed: nothing.
	if ins != 3 || del != 0 {
		t.Errorf("Count = %d inserted, %d deleted; want 3, 0 (%s)", ins, del, show(ops))
	}
	ops = Diff("Rutinen skal godkjennes.", "Prosedyren godkjennes.")
	if ins, del := Count(ops); ins != 1 || del != 2 {
		t.Errorf("Count = %d inserted, %d deleted; want 1, 2 (%s)", ins, del, show(ops))
	}
}

func TestHTML(t *testing.T) {
	got := string(HTML("Bruk <b>sterke</b> passord & 2FA.", "Bruk <b>lange</b> passord & MFA."))
	want := "Bruk &lt;b&gt;<del>sterke</del><ins>lange</ins>&lt;/b&gt; passord &amp; <del>2FA</del><ins>MFA</ins>."
	if got != want {
		t.Errorf("HTML:\n got %s\nwant %s", got, want)
	}
}

func TestRenderLabels(t *testing.T) {
	ops := []Op{{Equal, "Gjelder "}, {Delete, `"alle".`}, {Insert, "<alle> ansatte."}}
	got := string(Render(ops, RenderOptions{Labels: Labels{Inserted: "lagt til:", Deleted: "fjernet:"}}))
	want := `Gjelder <del><span class="visually-hidden">fjernet: </span>&#34;alle&#34;.</del>` +
		`<ins><span class="visually-hidden">lagt til: </span>&lt;alle&gt; ansatte.</ins>`
	if got != want {
		t.Errorf("Render:\n got %s\nwant %s", got, want)
	}
	got = string(Render(ops, RenderOptions{Labels: Labels{Inserted: "<i>", Deleted: ""}}))
	if !strings.Contains(got, `<span class="visually-hidden">&lt;i&gt; </span>`) || strings.Count(got, "visually-hidden") != 1 {
		t.Errorf("labels not escaped or an empty label written: %s", got)
	}
}

func TestRenderContext(t *testing.T) {
	var old, new strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&old, "Linje %d.\n", i)
		if i == 6 {
			fmt.Fprintf(&new, "Linje seks.\n")
		} else {
			fmt.Fprintf(&new, "Linje %d.\n", i)
		}
	}
	got := string(Render(Diff(old.String(), new.String()), RenderOptions{Context: 2}))
	want := skipLine +
		"Linje 4.\nLinje 5.\nLinje <del>6</del><ins>seks</ins>.\nLinje 7.\nLinje 8.\n" +
		skipLine
	if got != want {
		t.Errorf("Render with context:\n got %q\nwant %q", got, want)
	}
	// Whole text when context covers everything.
	got = string(Render(Diff("a\nb\nc\n", "a\nB\nc\n"), RenderOptions{Context: 1}))
	if want := "a\n<del>b</del><ins>B</ins>\nc\n"; got != want {
		t.Errorf("Render with wide context:\n got %q\nwant %q", got, want)
	}
}

// norwegianText returns n lines of Norwegian-like prose with lists.
func norwegianText(r *rand.Rand, n int) string {
	words := strings.Fields("tilgang skal gis etter tjenstlig behov og fjernes ved fratreden " +
		"leverandører må signere avtale om konfidensialitet før de får tilgang til systemer " +
		"sikkerhetskopier tas daglig og testes hvert kvartal av driftsleder policyen gjelder alle ansatte")
	var b strings.Builder
	for i := range n {
		if i%5 == 0 {
			b.WriteString("- ")
		}
		for j := range 8 + r.IntN(6) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(10) == 0 {
				b.WriteByte(',')
			}
		}
		b.WriteString(".\n")
	}
	return b.String()
}

// edit changes about one word in every k of text.
func edit(r *rand.Rand, text string, k int) string {
	toks := tokenize(text)
	for i, tok := range toks {
		if kindOf(tok) == wordToken && r.IntN(k) == 0 {
			toks[i] = strings.ToUpper(tok)
		}
	}
	return strings.Join(toks, "")
}

func TestDiffLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	old := norwegianText(r, 150) // about 12 KB
	tests := []struct {
		name string
		new  string
	}{
		{"few edits", edit(r, old, 200)},
		{"many edits (word cap reached)", edit(r, old, 2)},
		{"unrelated text (word cap reached)", norwegianText(r, 150)},
		{"long unrelated text (line cap reached)", norwegianText(r, 800)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			ops := Diff(old, tt.new)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Diff took %v", d)
			}
			checkOps(t, old, tt.new, ops)
		})
	}
	// Past the word cap, unchanged lines still show as unchanged.
	var a, b strings.Builder
	for i := range 300 {
		line := fmt.Sprintf("linje %d uendret her\n", i)
		a.WriteString(line)
		b.WriteString(line)
		fmt.Fprintf(&a, "%s\n", strings.Repeat("gammel ", 5))
		fmt.Fprintf(&b, "%s\n", strings.Repeat("ny ", 5))
	}
	ops := Diff(a.String(), b.String())
	checkOps(t, a.String(), b.String(), ops)
	for _, op := range ops {
		if op.Kind != Equal && strings.Contains(op.Text, "uendret") {
			t.Fatalf("an unchanged line was marked as changed: %q", op)
		}
	}
}

func FuzzDiff(f *testing.F) {
	f.Add("Rutinen skal godkjennes.", "Prosedyren må godkjennes.")
	f.Add("- a\n- b\n", "- a\n- x\n- b\n")
	f.Add("æ ø å", "æøå\r\n")
	f.Add("\xff a", "a \xff")
	f.Add("- a\n- b\n", "- a\n- b\n- b\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		ops := Diff(old, new)
		checkOps(t, old, new, ops)
		if whole := diff(old, new, false); !slices.Equal(ops, whole) {
			t.Fatalf("Diff differs from the diff of every line made into tokens:\n got %q\nwant %q", ops, whole)
		}
		h := string(Render(ops, RenderOptions{Labels: Labels{"+", "-"}, Context: 1}))
		if strings.Count(h, "<ins>") != strings.Count(h, "</ins>") ||
			strings.Count(h, "<del>") != strings.Count(h, "</del>") {
			t.Fatalf("unbalanced tags: %s", h)
		}
	})
}

func BenchmarkDiff10KB(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	old := norwegianText(r, 125)
	cases := []struct {
		name string
		new  string
	}{
		{"edited", edit(r, old, 100)},
		{"rewritten", norwegianText(r, 125)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(old) + len(c.new)))
			for b.Loop() {
				_ = HTML(old, c.new)
			}
		})
	}
}

func TestHTMLRewrapped(t *testing.T) {
	got := string(HTML("Alle skal gjennomføre\nopplæring hvert år.", "Alle skal\ngjennomføre opplæring hvert  år!"))
	want := "Alle skal\ngjennomføre opplæring hvert  år<del>.</del><ins>!</ins>"
	if got != want {
		t.Errorf("HTML:\n got %q\nwant %q", got, want)
	}
	// Whitespace removed, not replaced, is still shown.
	got = string(HTML("Hei , alle", "Hei, alle"))
	if want := "Hei<del> </del>, alle"; got != want {
		t.Errorf("HTML:\n got %q\nwant %q", got, want)
	}
}

// BenchmarkDiffOneLine is the common case of a document page: a policy of
// about 1.5 KB whose new version changed one line, compared, counted and
// rendered with context as the page shows it.
func BenchmarkDiffOneLine(b *testing.B) {
	var old, new strings.Builder
	old.WriteString("# Formål\n\n")
	new.WriteString("# Formål\n\n")
	for i := range 16 {
		line := fmt.Sprintf("Linje %d: tilgang skal gis etter tjenstlig behov og fjernes ved fratreden.\n", i)
		old.WriteString(line)
		if i == 9 {
			line = fmt.Sprintf("Linje %d: tilgang skal gis etter tjenstlig behov og fjernes straks ved fratreden (endret).\n", i)
		}
		new.WriteString(line)
	}
	b.ReportAllocs()
	b.SetBytes(int64(old.Len() + new.Len()))
	for b.Loop() {
		ops := Diff(old.String(), new.String())
		Count(ops)
		Render(ops, RenderOptions{Labels: Labels{"lagt til:", "fjernet:"}, Context: 2})
	}
}

// TestDiffSlidesIntoUnchangedLines: a run of added or removed lines moves
// to where it reads best even into the lines both versions start or end
// with, which Diff leaves as text unless a run may move into them.
func TestDiffSlidesIntoUnchangedLines(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"- a\n- b\n- c\n", "- a\n- b\n- b\n- c\n", "- a\n{+- b\n+}- b\n- c\n"},
		{"Tittel\n\n\n\nTekst.\n", "Tittel\n\n\n\n\nTekst.\n", "Tittel\n{+\n+}\n\n\nTekst.\n"},
		{"- a\n- b\n", "- a\n- b\n- b\n", "- a\n- b\n{+- b\n+}"},
		{"- a\n- a\n- a\n", "- a\n- a\n", "[-- a\n-]- a\n- a\n"},
		{"Første linje.\nAndre linje.\nTredje linje.\n", "Første linje.\nAndre linje.\nNy linje.\nTredje linje.\n", "Første linje.\nAndre linje.\n{+Ny linje.\n+}Tredje linje.\n"},
		{"a\n\nb\n\nc\n", "a\n\nb\n\nb\n\nc\n", "a\n{+\nb\n+}\nb\n\nc\n"},
	}
	for _, tt := range tests {
		ops := Diff(tt.old, tt.new)
		checkOps(t, tt.old, tt.new, ops)
		if got := show(ops); got != tt.want {
			t.Errorf("Diff(%q, %q):\n got %q\nwant %q", tt.old, tt.new, got, tt.want)
		}
	}
}

// TestDiffFramed: leaving the unchanged lines around a change as text
// gives the operations that making every line into tokens gives, for
// texts of repeated lines edited at random (where runs move the most).
func TestDiffFramed(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	lines := []string{"a\n", "b\n", "\n", "- x\n", "- y\n", "a b\n", "  \n", "a\r\n", "x.\n", "ø\n", "a", "b b b\n"}
	for range 20000 {
		var ls []string
		for range r.IntN(12) {
			ls = append(ls, lines[r.IntN(len(lines))])
		}
		old := strings.Join(ls, "")
		for range 1 + r.IntN(3) {
			switch at := r.IntN(len(ls) + 1); r.IntN(3) {
			case 0:
				ls = slices.Insert(ls, at, lines[r.IntN(len(lines))])
			case 1:
				if at < len(ls) {
					ls = slices.Delete(ls, at, at+1)
				}
			case 2:
				if at < len(ls) {
					ls[at] = lines[r.IntN(len(lines))]
				}
			}
		}
		new := strings.Join(ls, "")
		if got, want := Diff(old, new), diff(old, new, false); !slices.Equal(got, want) {
			t.Fatalf("Diff(%q, %q):\n got %q\nwant %q", old, new, got, want)
		}
	}
}
