package worddiff

import (
	"html/template"
	"strings"
)

// Labels are the words that introduce each change for screen readers, in
// the page's language, e.g. {Inserted: "lagt til:", Deleted: "fjernet:"}.
// They are written in a <span class="visually-hidden"> inside the <ins> or
// <del>, so they are read aloud but not seen, and a stylesheet that shows
// them (print, no CSS) makes the changes plain without colour or
// strike-through. Empty labels write no span.
type Labels struct {
	Inserted, Deleted string
}

// RenderOptions control Render. The zero value shows the whole text with
// no labels.
type RenderOptions struct {
	Labels
	// Context, when above zero, keeps only this many unchanged lines
	// before and after each change; each run of left-out lines becomes one
	// <span class="worddiff-skip">…</span> line.
	Context int
}

// HTML compares old and new (see Diff) and renders the result with no
// labels and the whole text: see Render.
func HTML(old, new string) template.HTML {
	return Render(Diff(old, new), RenderOptions{})
}

// Render writes ops as HTML: unchanged text escaped as it is, removed text
// in <del>, added text in <ins>. Where whitespace only replaced whitespace
// (a paragraph re-wrapped) the new whitespace is written unmarked. Line
// breaks are kept as "\n", so the container must keep them (<pre>, or CSS
// white-space: pre-wrap). The result is escaped and safe to put in a page.
func Render(ops []Op, o RenderOptions) template.HTML {
	var b strings.Builder
	skipNext := false
	for i, op := range ops {
		switch op.Kind {
		case Equal:
			text := op.Text
			if o.Context > 0 {
				writeContext(&b, text, o.Context, i > 0, i < len(ops)-1)
				continue
			}
			escape(&b, text)
		case Delete:
			if i+1 < len(ops) && blank(op.Text) && blank(ops[i+1].Text) {
				// Only the layout changed (a re-wrapped line): show the
				// new whitespace, unmarked.
				escape(&b, ops[i+1].Text)
				skipNext = true
				continue
			}
			writeChange(&b, "del", o.Deleted, op.Text)
		case Insert:
			if skipNext {
				skipNext = false
				continue
			}
			writeChange(&b, "ins", o.Inserted, op.Text)
		}
	}
	return template.HTML(b.String())
}

func writeChange(b *strings.Builder, tag, label, text string) {
	b.WriteString("<" + tag + ">")
	if label != "" {
		b.WriteString(`<span class="visually-hidden">`)
		escape(b, label)
		b.WriteString(" </span>")
	}
	escape(b, text)
	b.WriteString("</" + tag + ">")
}

const skipLine = `<span class="worddiff-skip">…</span>` + "\n"

// writeContext writes unchanged text, keeping n lines after a change
// before it (afterChange) and n lines before a change after it
// (beforeChange), and one skip line for what is left out. The partial line
// that touches a change always stays.
func writeContext(b *strings.Builder, text string, n int, afterChange, beforeChange bool) {
	if text == "" {
		return
	}
	lines := strings.Count(text, "\n")
	if !strings.HasSuffix(text, "\n") {
		lines++ // the last line has no line break
	}
	keepHead, keepTail := 0, 0
	if afterChange {
		keepHead = n + 1 // the rest of the changed line, then n lines
	}
	if beforeChange {
		keepTail = n
		if !strings.HasSuffix(text, "\n") {
			keepTail++ // the last piece is the start of the changed line
		}
	}
	if keepHead+keepTail >= lines {
		escape(b, text)
		return
	}
	escape(b, text[:lineStart(text, keepHead)])
	b.WriteString(skipLine)
	escape(b, text[lineStart(text, lines-keepTail):])
}

// lineStart returns where line i (from 0) of text starts: after its i-th
// line break, or at the end when it has fewer.
func lineStart(text string, i int) int {
	at := 0
	for ; i > 0; i-- {
		nl := strings.IndexByte(text[at:], '\n')
		if nl < 0 {
			return len(text)
		}
		at += nl + 1
	}
	return at
}

// escape writes text escaped for HTML.
func escape(b *strings.Builder, text string) {
	b.WriteString(template.HTMLEscapeString(text))
}

// blank reports whether text is only whitespace.
func blank(text string) bool {
	return strings.TrimSpace(text) == ""
}
