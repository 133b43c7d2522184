package catalog

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestVocabulary(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readVocabulary(dataFiles)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(c.Themes()) + len(c.Controls()) + len(c.Clauses()) + len(rows); len(v) != want {
		t.Errorf("%d concepts, want %d (themes, controls, clauses and the table's rows)", len(v), want)
	}
	find := func(en string) []string {
		var nb []string
		for _, con := range v {
			if slices.ContainsFunc(con.En, func(p string) bool { return strings.EqualFold(p, en) }) {
				nb = append(nb, con.Nb...)
			}
		}
		return nb
	}
	// The glossary's pairs (GLOSSARY.md) and titles from the catalogue.
	for en, nb := range map[string]string{
		"access control":      "tilgangsstyring",
		"incident":            "hendelse",
		"supplier":            "leverandør",
		"business continuity": "kontinuitet",
		"backup":              "sikkerhetskopi",
		"password":            "passord",
		"encryption":          "kryptering",
		"cryptography":        "kryptografi",
		"risk treatment plan": "risikobehandlingsplan",
		"internal audit":      "internrevisjon",
		"Information backup":  "Sikkerhetskopiering av informasjon", // control 8.13
		"Threat intelligence": "Trusseletterretning",                // control 5.7
		"Management review":   "Ledelsens gjennomgang",              // clause 9.3
	} {
		if got := find(en); !slices.Contains(got, nb) {
			t.Errorf("%q translates to %q, want %q among them", en, got, nb)
		}
	}
	for _, con := range v {
		if len(con.En) == 0 || len(con.Nb) == 0 {
			t.Errorf("concept %+v lacks a language", con)
		}
	}
}

func TestVocabularyErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"header", "english\tnb\nx\ty\n", "data/vocabulary.tsv:1: header"},
		{"empty phrase", "en\tnb\nbackup|\tsikkerhetskopi\n", "data/vocabulary.tsv:2: en phrase \"\""},
		{"space", "en\tnb\nbackup\tsikkerhetskopi| kopi\n", "data/vocabulary.tsv:2: nb phrase \" kopi\""},
		{"twice", "en\tnb\nbackup\tsikkerhetskopi\nlog\tlogg\nBackup\tkopi\n", "data/vocabulary.tsv:4: English phrase \"Backup\" is also on line 2"},
		{"cells", "en\tnb\nbackup\n", "data/vocabulary.tsv:2: 1 cells"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readVocabulary(fstest.MapFS{vocabularyFile: {Data: []byte(tc.data)}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one with %q", err, tc.want)
			}
		})
	}
}
