package catalog

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Write exports one list of the catalogue to w, for `isms catalog`.
//
// what is controls (the 93 controls of 2022), clauses (the 41 clauses) or
// mapping (the 115 pairs of 2013 → 2022 controls). format is
//
//   - csv: RFC 4180 with a header row and one row per entry, multi-valued
//     cells joined with '|', attribute values as the standard's hashtag names
//     without '#', theme as organizational|people|physical|technological,
//     new_in_2022 as yes|no. Columns:
//     controls: id, theme, title_en, title_nb, control_type,
//     security_properties, cybersecurity_concepts, operational_capabilities,
//     security_domains, new_in_2022, predecessors_2013;
//     clauses: id, title_en, title_nb;
//     mapping: id_2013, title_2013_en, id_2022, title_2022_en.
//   - json: an array of objects with the same fields as the CSV columns;
//     multi-valued fields are arrays and new_in_2022 is a boolean.
//   - table: aligned text columns for reading, with headings and titles in lang.
//
// lang is nb or en; CSV and JSON carry both languages and ignore it.
func (c *Catalog) Write(w io.Writer, what, format, lang string) error {
	if err := oneOf("list", what, "controls", "clauses", "mapping"); err != nil {
		return err
	}
	if err := oneOf("format", format, "table", "json", "csv"); err != nil {
		return err
	}
	if err := oneOf("language", lang, "nb", "en"); err != nil {
		return err
	}
	switch format {
	case "csv":
		return c.writeCSV(w, what)
	case "json":
		return c.writeJSON(w, what)
	}
	return c.writeTable(w, what, lang)
}

func oneOf(name, value string, valid ...string) error {
	for _, v := range valid {
		if value == v {
			return nil
		}
	}
	return fmt.Errorf("catalog: unknown %s %q (valid: %s)", name, value, strings.Join(valid, ", "))
}

// records returns the list as a CSV header and rows.
func (c *Catalog) records(what string) [][]string {
	var out [][]string
	switch what {
	case "controls":
		header := []string{"id", "theme", "title_en", "title_nb"}
		for _, k := range c.kinds {
			header = append(header, k.column())
		}
		out = append(out, append(header, "new_in_2022", "predecessors_2013"))
		for _, ctl := range c.controls {
			rec := []string{ctl.ID, ctl.Theme.ID, ctl.Title.En, ctl.Title.Nb}
			for _, values := range ctl.Attributes {
				rec = append(rec, strings.Join(values, "|"))
			}
			out = append(out, append(rec, yesNo(ctl.New), strings.Join(predecessorIDs(ctl), "|")))
		}
	case "clauses":
		out = append(out, []string{"id", "title_en", "title_nb"})
		for _, cl := range c.clauses {
			out = append(out, []string{cl.ID, cl.Title.En, cl.Title.Nb})
		}
	case "mapping":
		out = append(out, []string{"id_2013", "title_2013_en", "id_2022", "title_2022_en"})
		for _, old := range c.controls2013 {
			for _, ctl := range old.Successors {
				out = append(out, []string{old.ID, old.Title.En, ctl.ID, ctl.Title.En})
			}
		}
	}
	return out
}

func (c *Catalog) writeCSV(w io.Writer, what string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(c.records(what)); err != nil {
		return fmt.Errorf("catalog: writing CSV: %w", err)
	}
	return nil
}

type controlJSON struct {
	ID                      string   `json:"id"`
	Theme                   string   `json:"theme"`
	TitleEn                 string   `json:"title_en"`
	TitleNb                 string   `json:"title_nb"`
	ControlType             []string `json:"control_type"`
	SecurityProperties      []string `json:"security_properties"`
	CybersecurityConcepts   []string `json:"cybersecurity_concepts"`
	OperationalCapabilities []string `json:"operational_capabilities"`
	SecurityDomains         []string `json:"security_domains"`
	NewIn2022               bool     `json:"new_in_2022"`
	Predecessors2013        []string `json:"predecessors_2013"`
}

type clauseJSON struct {
	ID      string `json:"id"`
	TitleEn string `json:"title_en"`
	TitleNb string `json:"title_nb"`
}

type mappingJSON struct {
	ID2013      string `json:"id_2013"`
	Title2013En string `json:"title_2013_en"`
	ID2022      string `json:"id_2022"`
	Title2022En string `json:"title_2022_en"`
}

func (c *Catalog) writeJSON(w io.Writer, what string) error {
	var list any
	switch what {
	case "controls":
		var out []controlJSON
		for _, ctl := range c.controls {
			a := ctl.Attributes
			out = append(out, controlJSON{
				ID: ctl.ID, Theme: ctl.Theme.ID, TitleEn: ctl.Title.En, TitleNb: ctl.Title.Nb,
				ControlType: a[0], SecurityProperties: a[1], CybersecurityConcepts: a[2],
				OperationalCapabilities: a[3], SecurityDomains: a[4],
				NewIn2022: ctl.New, Predecessors2013: predecessorIDs(ctl),
			})
		}
		list = out
	case "clauses":
		var out []clauseJSON
		for _, cl := range c.clauses {
			out = append(out, clauseJSON{cl.ID, cl.Title.En, cl.Title.Nb})
		}
		list = out
	case "mapping":
		var out []mappingJSON
		for _, old := range c.controls2013 {
			for _, ctl := range old.Successors {
				out = append(out, mappingJSON{old.ID, old.Title.En, ctl.ID, ctl.Title.En})
			}
		}
		list = out
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(list); err != nil {
		return fmt.Errorf("catalog: writing JSON: %w", err)
	}
	return nil
}

// tableWord returns a heading or word of the table format in lang.
func tableWord(key, lang string) string {
	var t Text
	switch key {
	case "id":
		t = Text{"ID", "ID"}
	case "title":
		t = Text{"Title", "Tittel"}
	case "theme":
		t = Text{"Theme", "Tema"}
	case "new":
		t = Text{"New in 2022", "Nytt i 2022"}
	case "predecessors":
		t = Text{"2013 predecessors", "Forgjengere fra 2013"}
	case "changed":
		t = Text{"Changed in 2022", "Endret i 2022"}
	case "title2013":
		t = Text{"Title (2013)", "Tittel (2013)"}
	case "title2022":
		t = Text{"Title (2022)", "Tittel (2022)"}
	case "yes":
		t = Text{"yes", "ja"}
	default:
		t = Text{key, key}
	}
	return t.In(lang)
}

func (c *Catalog) writeTable(w io.Writer, what, lang string) error {
	word := func(key string) string { return tableWord(key, lang) }
	yes := func(b bool) string {
		if b {
			return word("yes")
		}
		return ""
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	row := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")) }
	switch what {
	case "controls":
		row(word("id"), word("title"), word("theme"), word("new"), word("predecessors"))
		for _, ctl := range c.controls {
			row(ctl.ID, ctl.Title.In(lang), ctl.Theme.Title.In(lang), yes(ctl.New), strings.Join(predecessorIDs(ctl), ", "))
		}
	case "clauses":
		row(word("id"), word("title"), word("changed"))
		for _, cl := range c.clauses {
			indent := strings.Repeat("  ", strings.Count(cl.ID, "."))
			row(cl.ID, indent+cl.Title.In(lang), yes(cl.Change != (Text{})))
		}
	case "mapping":
		row("2013", word("title2013"), "2022", word("title2022"))
		for _, old := range c.controls2013 {
			for _, ctl := range old.Successors {
				row(old.ID, old.Title.In(lang), ctl.ID, ctl.Title.In(lang))
			}
		}
	}
	tw.Flush() // cannot fail: it writes to memory
	// Padding leaves trailing spaces where the last cells are empty.
	var out strings.Builder
	for line := range strings.Lines(buf.String()) {
		out.WriteString(strings.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("catalog: writing table: %w", err)
	}
	return nil
}

func predecessorIDs(ctl *Control) []string {
	ids := make([]string, 0, len(ctl.Predecessors))
	for _, p := range ctl.Predecessors {
		ids = append(ids, p.ID)
	}
	return ids
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
