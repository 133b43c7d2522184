package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestKeywordsComplete(t *testing.T) {
	c := newCatalog(t)
	for _, ctl := range c.Controls() {
		for _, lang := range []string{"en", "nb"} {
			kw := ctl.Keywords(lang)
			if len(kw) < 6 || len(kw) > 15 {
				t.Errorf("%s: %d %s keywords, want 6–15", ctl.ID, len(kw), lang)
			}
			seen := map[string]bool{}
			for _, k := range kw {
				l := strings.ToLower(k)
				if strings.TrimSpace(k) == "" || seen[l] || strings.ContainsAny(k, "|\t\n") {
					t.Errorf("%s: %s keyword %q is empty, repeated or holds a separator", ctl.ID, lang, k)
				}
				seen[l] = true
			}
		}
		if slices.Equal(ctl.Keywords("en"), ctl.Keywords("nb")) {
			t.Errorf("%s: the English and bokmål lists are the same", ctl.ID)
		}
	}
}

func TestKeywordsLanguage(t *testing.T) {
	c := newCatalog(t)
	ctl, ok := c.Control("8.28")
	if !ok {
		t.Fatal("no 8.28")
	}
	en, nb := ctl.Keywords("en"), ctl.Keywords("nb")
	if !slices.Contains(en, "secure coding") || !slices.Contains(nb, "sikker koding") {
		t.Fatalf("8.28: en %v, nb %v; want secure coding and sikker koding", en, nb)
	}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", en}, {"EN", en}, {"en-GB", en},
		{"nb", nb}, {"nn", nb}, {"", nb}, {"de", nb},
	} {
		if got := ctl.Keywords(tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Keywords(%q) = %v, want %v", tt.lang, got, tt.want)
		}
	}
}

func TestKeywordsLoadErrors(t *testing.T) {
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("test data lacks %q", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	for _, tt := range []struct {
		name string
		edit func(string) string
		want string
	}{
		{"unknown control", replace("\n8.28\t", "\n8.99\t"), `data/keywords.tsv:88: unknown control "8.99"`},
		{"repeated control", replace("\n8.28\t", "\n8.27\t"), "data/keywords.tsv:88: control 8.27 repeated"},
		{"missing control", func(s string) string {
			i := strings.Index(s, "\n7.12\t")
			j := strings.Index(s[i+1:], "\n")
			return s[:i] + s[i+1+j:]
		}, "data/keywords.tsv: control 7.12 has no keywords"},
		{"empty phrase", replace("secure coding|", "secure coding||"), "data/keywords.tsv:88: control 8.28: keywords_en phrase 2 is empty"},
		{"repeated phrase", replace("|kodegjennomgang|", "|Sikker koding|"), `data/keywords.tsv:88: control 8.28: keywords_nb phrase "Sikker koding" repeated`},
		{"doubled space", replace("secure coding|", "secure  coding|"), `phrase "secure  coding" has surrounding or doubled space`},
		{"space at a phrase's end", replace("secure coding|", "secure coding |"), `phrase "secure coding " has surrounding or doubled space`},
		{"empty list", replace("\tsikker koding|", "\t\tsikker koding|"), "data/keywords.tsv:88: 4 cells, want 3"},
		{"bad header", replace("keywords_nb", "keywords_no"), "data/keywords.tsv:1: header is"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(dataFS(t, keywordsFile, tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
