package risk

import (
	"fmt"
	"strings"
	"testing"
)

// generated writes a register of n risks with controls, actions and
// every kind of rating.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("method: ISMS-03\nassessed: 2026-03-01\nrisks:\n")
	owners := []string{"Driftsleder", "Daglig leder", "IT-ansvarlig", "Økonomisjef", "Personalsjef"}
	treatments := []string{"modify", "retain", "avoid", "share"}
	for i := range n {
		l, c := i%5+1, (i/5)%5+1
		fmt.Fprintf(&b, "  R-%04d:\n    title: Risiko nummer %d med en beskrivende tittel\n", i, i)
		fmt.Fprintf(&b, "    description: |\n      Trusselen %d mot [[POL-01]] og [[8.13]].\n      Andre linje.\n", i)
		fmt.Fprintf(&b, "    owner: %s\n    assets: [System %d]\n    properties: [availability]\n", owners[i%len(owners)], i%40)
		fmt.Fprintf(&b, "    likelihood: %d\n    consequence: %d\n    treatment: %s\n", l, c, treatments[i%4])
		fmt.Fprintf(&b, "    controls: [\"5.%d\", \"8.%d\"]\n    documents: [POL-01]\n", i%37+1, i%34+1)
		fmt.Fprintf(&b, "    actions:\n      - {title: Tiltak A %d, due: 2026-%02d-15, status: planned}\n      - {title: Tiltak B %d, owner: Innkjøp, due: 2026-%02d-01, status: done}\n", i, i%12+1, i, (i+5)%12+1)
		if i%3 != 0 {
			fmt.Fprintf(&b, "    residual: {likelihood: %d, consequence: %d}\n", max(l-1, 1), max(c-1, 1))
		}
		if i%4 == 0 {
			b.WriteString("    accepted: {by: Daglig leder, date: 2026-03-15}\n")
		}
		fmt.Fprintf(&b, "    review: 2026-%02d-01\n", i%12+1)
	}
	return []byte(b.String())
}

// BenchmarkRegister measures what a build does with risks.yaml: decoding
// and checks, the page data and the three exports, for 2,000 risks — in
// all ("build") and stage by stage.
func BenchmarkRegister(b *testing.B) {
	src := generated(2000)
	cat := testCatalog(b)
	words := themeWords(b, "nb")
	ctx := CheckContext{Today: testToday, Excluded: func(string) bool { return false },
		Document: func(id string) (string, bool) { return "pol.md", id == "POL-01" || id == "ISMS-03" }}
	read := func(b *testing.B) *Register {
		reg, fs := Read(src, cat)
		fs = append(fs, reg.Check(ctx)...)
		if errs, _ := fs.Count(); errs > 0 || len(reg.Risks) != 2000 {
			b.Fatalf("%d risks: %s", len(reg.Risks), fs.Text())
		}
		return reg
	}
	xlsx := func(b *testing.B, v *RegisterView) {
		if _, err := v.XLSX(XLSXOptions{Words: words, Organization: "Fjordtech AS"}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := read(b).View(ViewOptions{Today: testToday, Words: words})
			v.RisksCSV()
			v.RTPCSV()
			xlsx(b, v)
		}
		b.ReportMetric(2000*float64(b.N)/b.Elapsed().Seconds(), "risks/s")
	})
	b.Run("read+check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			read(b)
		}
	})
	reg := read(b)
	b.Run("view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			reg.View(ViewOptions{Today: testToday, Words: words})
		}
	})
	v := reg.View(ViewOptions{Today: testToday, Words: words})
	b.Run("csv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v.RisksCSV()
			v.RTPCSV()
		}
	})
	b.Run("xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			xlsx(b, v)
		}
	})
}

// BenchmarkImport reads the workbook of 2,000 risks back into risks.yaml.
func BenchmarkImport(b *testing.B) {
	src := generated(2000)
	reg, _ := Read(src, testCatalog(b))
	words := themeWords(b, "nb")
	data, err := reg.View(ViewOptions{Today: testToday, Words: words}).XLSX(XLSXOptions{Words: words})
	if err != nil {
		b.Fatal(err)
	}
	o := ImportOptions{Words: []Words{words}}
	b.ReportAllocs()
	for b.Loop() {
		if _, fs := Import("risks.xlsx", data, src, o); len(fs) > 0 {
			b.Fatal(fs.Text())
		}
	}
}

// The generated register is valid, so that the benchmark measures a
// register a build accepts.
func TestGenerated(t *testing.T) {
	reg, fs := Read(generated(50), testCatalog(t))
	if errs, _ := fs.Count(); errs > 0 || len(reg.Risks) != 50 {
		t.Fatalf("%d risks:\n%s", len(reg.Risks), fs.Text())
	}
}
