package risk

import (
	"os"
	"testing"
)

// FuzzRead checks that no risks.yaml makes Read, Check, View or the
// exports panic, and that what Read returns is usable.
func FuzzRead(f *testing.F) {
	if src, err := os.ReadFile("testdata/register.yaml"); err == nil {
		f.Add(src)
	}
	f.Add([]byte("matrix: {likelihood: 3, consequence: [a, b], levels: [{name: x, max: 6}], acceptance: 2}\nrisks:\n  R-1: {title: t, owner: o, likelihood: 3, consequence: 2}\n"))
	f.Add([]byte("risks:\n  R-1:\n    description: |\n      x\n    residual: {likelihood: 9}\n    actions: [a, {title: b, due: x}]\n"))
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		reg, _ := Read(src, cat)
		reg.Check(CheckContext{Today: testToday, Document: func(string) (string, bool) { return "", false }, Excluded: func(string) bool { return true }})
		v := reg.View(ViewOptions{Today: testToday})
		v.RisksCSV()
		v.RTPCSV()
		reg.YAML("")
		for _, r := range v.Risks {
			if r.Level == nil && r.Score > 0 {
				t.Fatalf("risk %s has score %d but no level", r.ID, r.Score)
			}
		}
	})
}

// FuzzImport checks that no CSV makes Import panic.
func FuzzImport(f *testing.F) {
	f.Add([]byte("id,title,owner,likelihood,consequence,treatment,controls,review\nR-1,a,b,1,2,modify,5.15|8.13,2026-01-01\n"), []byte(nil))
	f.Add([]byte("risk,action,owner,due,status\nR-1,x,,01.02.2026,done\n"), []byte("risks:\n  R-1: {title: a, owner: b, likelihood: 1, consequence: 1}\n"))
	f.Fuzz(func(t *testing.T, data, existing []byte) {
		Import("risks.csv", data, existing, ImportOptions{})
	})
}
