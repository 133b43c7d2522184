package worddiff

import (
	"slices"
	"strings"
	"sync"
)

// Kind says what an operation does to the old text.
type Kind uint8

const (
	Equal  Kind = iota // text in both versions
	Delete             // text only in the old version
	Insert             // text only in the new version
)

// String returns "equal", "delete" or "insert".
func (k Kind) String() string {
	switch k {
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	}
	return "equal"
}

// Op is one step of a diff: Text kept, removed or added.
type Op struct {
	Kind Kind
	Text string
}

// Caps on the work of one Diff. Past maxWordEdits the changed middle is
// compared line by line (a line is one element), and changed blocks of
// lines word by word again; past maxLineEdits a block is shown as removed
// and added whole.
// workBudget bounds (N+M)·D, the number of steps one search may take, so
// that a long text gets a smaller cap and falls back to lines sooner.
const (
	maxWordEdits = 1200
	maxLineEdits = 1200
	workBudget   = 16 << 20
)

// capFor returns the edit cap for a search over n elements in all.
func capFor(limit, n int) int {
	if n == 0 {
		return limit
	}
	return max(min(limit, workBudget/n), 32)
}

// Diff compares old and new word by word and returns the operations that
// turn old into new: Equal text is in both; in each changed stretch the
// Delete comes before the Insert. Concatenating the Equal and Delete texts
// gives old; the Equal and Insert texts give new. Adjacent operations
// never have the same kind, and no Text is empty.
//
// Small unchanged pieces between two changes (a space, a comma, a short
// word) are folded into the change, so that a rewritten phrase reads as one
// removal and one addition; a line break is never folded, so each changed
// line of a list is marked on its own.
func Diff(old, new string) []Op { return diff(old, new, true) }

// diff is Diff; with frame false it makes every line into tokens, which
// gives the same operations more slowly (the tests hold the two to it).
func diff(old, new string, frame bool) []Op {
	if old == new {
		if old == "" {
			return nil
		}
		return []Op{{Equal, old}}
	}
	// The unchanged lines at the start and at the end stay text: most of
	// a document is in them, and only the tidying may look into them (see
	// framed).
	var head string
	if frame {
		head = commonHead(old, new)
	}
	o, n := old[len(head):], new[len(head):]
	w := workspaces.Get().(*workspace)
	defer w.put()
	// The common prefix and suffix of tokens need no search (nor numbers).
	s := w.s[:0]
	pa, pb := 0, 0
	for pa < len(o) && pb < len(n) {
		ta, tb := o[pa:pa+tokenLen(o[pa:])], n[pb:pb+tokenLen(n[pb:])]
		if !sameToken(ta, tb) {
			break
		}
		s.same(ta, tb)
		pa, pb = pa+len(ta), pb+len(tb)
	}
	o, n = o[pa:], n[pb:]
	var tail string
	if frame {
		tail = commonTail(o, n)
	}
	a := appendTokens(w.a[:0], o[:len(o)-len(tail)])
	b := appendTokens(w.b[:0], n[:len(n)-len(tail)])
	s = slices.Grow(s, len(a)+len(b))
	suf := 0
	for suf < len(a) && suf < len(b) && sameToken(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	s.middle(a[:len(a)-suf], b[:len(b)-suf], w.ids)
	for i := range suf {
		s.same(a[len(a)-suf+i], b[len(b)-suf+i])
	}
	e := &framed{s: s, head: head, tail: tail}
	e.slide()
	w.a, w.b, w.s = a, b, e.s
	return e.ops()
}

// workspace is what one Diff needs and then drops: kept for the next, as
// a site's pages ask for thousands of diffs.
type workspace struct {
	a, b []string
	s    script
	ids  interner
}

var workspaces = sync.Pool{New: func() any { return &workspace{ids: interner{}} }}

// put empties the workspace (its slices keep no strings of the texts
// alive) and gives it back, unless it grew large.
func (w *workspace) put() {
	if cap(w.s) > 1<<16 || len(w.ids) > 1<<14 {
		return
	}
	clear(w.a[:cap(w.a)])
	clear(w.b[:cap(w.b)])
	clear(w.s[:cap(w.s)])
	clear(w.ids)
	workspaces.Put(w)
}

// commonHead returns the lines old and new start with: their common
// prefix up to its last line break.
func commonHead(old, new string) string {
	n := 0
	for n < len(old) && n < len(new) && old[n] == new[n] {
		n++
	}
	return old[:strings.LastIndexByte(old[:n], '\n')+1]
}

// commonTail returns the lines old and new end with: their common suffix
// from its first line break on (the line break itself not included, so
// that what is before it in both texts ends with it).
func commonTail(old, new string) string {
	n := 0
	for n < len(old) && n < len(new) && old[len(old)-1-n] == new[len(new)-1-n] {
		n++
	}
	common := old[len(old)-n:]
	nl := strings.IndexByte(common, '\n')
	if nl < 0 {
		return ""
	}
	return common[nl+1:]
}

// framed is the script of a diff between unchanged text not made into
// tokens: head before it and tail after it, each made of whole lines.
// Tokens never span a line break, so a line made into tokens on its own
// gives the tokens it would as part of the whole text.
type framed struct {
	s          script
	head, tail string
}

// before makes the last line of head into tokens at the start of the
// script, and returns how many; 0 when head is empty.
func (e *framed) before() int {
	if e.head == "" {
		return 0
	}
	k := strings.LastIndexByte(e.head[:len(e.head)-1], '\n') + 1
	toks := tokenize(e.head[k:])
	e.head = e.head[:k]
	s := make(script, 0, len(toks)+len(e.s))
	for _, t := range toks {
		s.add(Equal, t)
	}
	e.s = append(s, e.s...)
	return len(toks)
}

// after makes the first line of tail into tokens at the end of the
// script, and reports whether there was one.
func (e *framed) after() bool {
	if e.tail == "" {
		return false
	}
	end := strings.IndexByte(e.tail, '\n') + 1
	if end == 0 {
		end = len(e.tail)
	}
	for _, t := range tokenize(e.tail[:end]) {
		e.s.add(Equal, t)
	}
	e.tail = e.tail[end:]
	return true
}

// ops returns the final operations, head and tail included.
func (e *framed) ops() []Op {
	ops := e.s.ops()
	if e.head != "" {
		if len(ops) > 0 && ops[0].Kind == Equal {
			ops[0].Text = e.head + ops[0].Text
		} else {
			ops = append([]Op{{Equal, e.head}}, ops...)
		}
	}
	if e.tail != "" {
		if n := len(ops); n > 0 && ops[n-1].Kind == Equal {
			ops[n-1].Text += e.tail
		} else {
			ops = append(ops, Op{Equal, e.tail})
		}
	}
	return ops
}

// step is one token of the script with what happens to it.
type step struct {
	kind Kind
	tok  string
}

// script is the diff at token level while it is being built and tidied.
type script []step

func (s *script) add(k Kind, tok string) { *s = append(*s, step{k, tok}) }

// same appends two tokens the search matched: equal, or two different
// runs of whitespace, which become a whitespace change.
func (s *script) same(a, b string) {
	if a == b {
		s.add(Equal, a)
		return
	}
	s.add(Delete, a)
	s.add(Insert, b)
}

// middle appends the script for the changed middle a → b.
func (s *script) middle(a, b []string, ids interner) {
	ia, ib := ids.all(a), ids.all(b)
	if s.tokens(a, b, ia, ib, maxWordEdits) {
		return
	}
	// Too many word edits: align whole lines, then compare each changed
	// block of lines word by word.
	la, lb := lines(a), lines(b)
	lineIDs := map[string]int32{}
	lineID := func(l []string) int32 {
		text := joinTokens(l)
		id, ok := lineIDs[text]
		if !ok {
			id = int32(len(lineIDs))
			lineIDs[text] = id
		}
		return id
	}
	ka, kb := make([]int32, len(la)), make([]int32, len(lb))
	for i, l := range la {
		ka[i] = lineID(l)
	}
	for i, l := range lb {
		kb[i] = lineID(l)
	}
	var kinds []Kind
	if !myers(ka, kb, capFor(maxLineEdits, len(ka)+len(kb)), func(k Kind) { kinds = append(kinds, k) }) {
		s.replace(a, b)
		return
	}
	x, y := 0, 0
	for i := 0; i < len(kinds); {
		if kinds[i] == Equal {
			for _, t := range la[x] {
				s.add(Equal, t)
			}
			x++
			y++
			i++
			continue
		}
		// A changed block: its deleted and inserted lines.
		var da, db []string
		for ; i < len(kinds) && kinds[i] != Equal; i++ {
			if kinds[i] == Delete {
				da = append(da, la[x]...)
				x++
			} else {
				db = append(db, lb[y]...)
				y++
			}
		}
		if !s.tokens(da, db, ids.all(da), ids.all(db), maxWordEdits) {
			s.replace(da, db)
		}
	}
}

// tokens appends the word-level script for a → b, or returns false when it
// would take more than maxD edits.
func (s *script) tokens(a, b []string, ia, ib []int32, maxD int) bool {
	x, y := 0, 0
	start := len(*s)
	ok := myers(ia, ib, capFor(maxD, len(ia)+len(ib)), func(k Kind) {
		switch k {
		case Equal:
			s.same(a[x], b[y])
			x++
			y++
		case Delete:
			s.add(Delete, a[x])
			x++
		case Insert:
			s.add(Insert, b[y])
			y++
		}
	})
	if !ok {
		*s = (*s)[:start]
	}
	return ok
}

// replace appends a as deleted and b as inserted.
func (s *script) replace(a, b []string) {
	for _, t := range a {
		s.add(Delete, t)
	}
	for _, t := range b {
		s.add(Insert, t)
	}
}

// lines groups tokens into lines, each ending with its line break (the
// last one may have none).
func lines(toks []string) [][]string {
	var out [][]string
	start := 0
	for i, t := range toks {
		if kindOf(t) == newlineToken {
			out = append(out, toks[start:i+1])
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

func joinTokens(toks []string) string {
	n := 0
	for _, t := range toks {
		n += len(t)
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range toks {
		b.WriteString(t)
	}
	return b.String()
}

// sameToken reports whether two tokens match as their numbers from an
// interner do: equal, or both whitespace.
func sameToken(a, b string) bool {
	return a == b || (blankToken(a) && blankToken(b))
}

// blankToken reports whether a token is whitespace: a run of spaces or a
// line break.
func blankToken(t string) bool {
	k := kindOf(t)
	return k == spaceToken || k == newlineToken
}

// interner numbers distinct tokens so that comparing is comparing ints.
// All whitespace has one number: a space that became a line break (a
// re-wrapped paragraph) lines up, and shows as a whitespace change instead
// of words removed and added again.
type interner map[string]int32

func (m interner) id(s string) int32 {
	if blankToken(s) {
		return 0
	}
	if id, ok := m[s]; ok {
		return id
	}
	id := int32(len(m)) + 1
	m[s] = id
	return id
}

func (m interner) all(toks []string) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		out[i] = m.id(t)
	}
	return out
}

// slide moves each run of only insertions or only deletions, where the
// tokens allow it, to the position that reads best: a Myers script may
// start an inserted list item in the middle of the line before it
// ("x\n- " instead of "- x\n"); both are correct, one is readable. It
// makes lines of head and tail into tokens as far as a run may move.
func (e *framed) slide() {
	for i := 0; i < len(e.s); {
		s := e.s
		if s[i].kind == Equal {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j].kind != Equal {
			j++
		}
		kind := s[i].kind
		pure := true
		for _, st := range s[i:j] {
			if st.kind != kind {
				pure = false
				break
			}
		}
		if !pure {
			i = j
			continue
		}
		// Leftmost position the tokens allow.
		i0, j0 := i, j
		for {
			if i == 0 {
				n := e.before()
				if n == 0 {
					break
				}
				i, j, i0, j0 = i+n, j+n, i0+n, j0+n
			}
			if s := e.s; s[i-1].kind != Equal || s[i-1].tok != s[j-1].tok {
				break
			}
			i--
			j--
		}
		// free: p holds an unchanged token once the run moves away from it.
		free := func(p int) bool { return (p >= i0 && p < j0) || e.s[p].kind == Equal }
		// How far right it could go, and where it reads best.
		best, bestScore := 0, e.score(i, j)
		for r := 1; ; r++ {
			if j+r-1 >= len(e.s) && !e.after() {
				break
			}
			if !free(j+r-1) || e.s[j+r-1].tok != e.s[i+r-1].tok {
				break
			}
			if sc := e.score(i+r, j+r); sc > bestScore {
				best, bestScore = r, sc
			}
		}
		s = e.s
		for k := i0; k < j0; k++ {
			s[k].kind = Equal
		}
		for k := i + best; k < j+best; k++ {
			s[k].kind = kind
		}
		i = j + best
	}
}

// score rates the boundaries of the changed run s[i:j]: line starts and
// ends are best, then spaces, then punctuation, and a run that starts or
// ends with a space scores lower.
func (e *framed) score(i, j int) int {
	sc := e.boundary(i) + e.boundary(j)
	if kindOf(e.s[i].tok) == spaceToken {
		sc--
	}
	if kindOf(e.s[j-1].tok) == spaceToken {
		sc--
	}
	return sc
}

// boundary rates the gap before s[i] (i > 0 unless head is empty).
func (e *framed) boundary(i int) int {
	if i == len(e.s) {
		e.after()
	}
	s := e.s
	if i == 0 || i == len(s) {
		return 6
	}
	left, right := kindOf(s[i-1].tok), kindOf(s[i].tok)
	switch {
	case left == newlineToken:
		return 5
	case right == newlineToken:
		return 4
	case left == spaceToken || right == spaceToken:
		return 2
	case left == punctToken || right == punctToken:
		return 1
	}
	return 0
}

// ops folds weak equalities into the changes around them and returns the
// final operations.
func (s script) ops() []Op {
	// Split into alternating equal stretches and changes: pieces of s.
	// A change folded with what follows it spans the unchanged tokens
	// between, which then count as both removed and added.
	var pieces []piece
	for i := 0; i < len(s); {
		eq := s[i].kind == Equal
		j := i + 1
		for j < len(s) && (s[j].kind == Equal) == eq {
			j++
		}
		pieces = append(pieces, piece{i, j, !eq})
		i = j
	}
	// Fold: change, weak equality, change → one change.
	out := pieces[:0]
	for _, p := range pieces {
		n := len(out)
		if p.change && n >= 2 && !out[n-1].change && out[n-2].change && s.weak(out[n-1], out[n-2], p) {
			out[n-2].hi = p.hi
			out = out[:n-1]
			continue
		}
		out = append(out, p)
	}
	ops := make([]Op, 0, 2*len(out))
	for _, p := range out {
		part := s[p.lo:p.hi]
		if !p.change {
			ops = append(ops, Op{Equal, part.text(Equal)})
			continue
		}
		if del := part.text(Delete); del != "" {
			ops = append(ops, Op{Delete, del})
		}
		if ins := part.text(Insert); ins != "" {
			ops = append(ops, Op{Insert, ins})
		}
	}
	return ops
}

// piece is a stretch s[lo:hi] of a script: unchanged, or a change.
type piece struct {
	lo, hi int
	change bool
}

// text joins the tokens of a stretch that the version of kind has: for
// Delete the old one (Equal and Delete tokens), for Insert the new one
// (Equal and Insert), for Equal all of them.
func (s script) text(kind Kind) string {
	has := func(k Kind) bool { return kind == Equal || k == Equal || k == kind }
	n := 0
	for _, st := range s {
		if has(st.kind) {
			n += len(st.tok)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, st := range s {
		if has(st.kind) {
			b.WriteString(st.tok)
		}
	}
	return b.String()
}

// words is the number of words a change removes or adds, the larger.
func (s script) words(p piece) int {
	del, ins := 0, 0
	for _, st := range s[p.lo:p.hi] {
		if kindOf(st.tok) == wordToken {
			if st.kind != Insert {
				del++
			}
			if st.kind != Delete {
				ins++
			}
		}
	}
	return max(del, ins)
}

// weak reports whether the unchanged tokens eq between two changes are
// better shown as part of one bigger change: no line break, and either no
// word at all or a single short word between changes of several words.
func (s script) weak(eq, before, after piece) bool {
	words, chars := 0, 0
	for _, st := range s[eq.lo:eq.hi] {
		t := st.tok
		switch kindOf(t) {
		case newlineToken:
			return false
		case wordToken:
			words++
			chars += len([]rune(t))
		}
	}
	if words == 0 {
		return true
	}
	return words == 1 && chars <= 4 && s.words(before) >= 2 && s.words(after) >= 2
}

// Count returns the number of words the operations add and remove.
func Count(ops []Op) (inserted, deleted int) {
	for _, op := range ops {
		switch op.Kind {
		case Insert:
			inserted += wordsIn(op.Text)
		case Delete:
			deleted += wordsIn(op.Text)
		}
	}
	return inserted, deleted
}

// wordsIn counts the word tokens of a text.
func wordsIn(text string) int {
	n := 0
	for i := 0; i < len(text); {
		k := tokenLen(text[i:])
		if kindOf(text[i:i+k]) == wordToken {
			n++
		}
		i += k
	}
	return n
}
