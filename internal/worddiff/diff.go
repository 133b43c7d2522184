package worddiff

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
func Diff(old, new string) []Op {
	if old == new {
		if old == "" {
			return nil
		}
		return []Op{{Equal, old}}
	}
	a, b := tokenize(old), tokenize(new)
	ids := interner{}
	ia, ib := ids.all(a), ids.all(b)
	var s script
	// Common prefix and suffix need no search.
	pre := 0
	for pre < len(a) && pre < len(b) && ia[pre] == ib[pre] {
		s.same(a[pre], b[pre])
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && ia[len(a)-1-suf] == ib[len(b)-1-suf] {
		suf++
	}
	s.middle(a[pre:len(a)-suf], b[pre:len(b)-suf], ids)
	for i := range suf {
		s.same(a[len(a)-suf+i], b[len(b)-suf+i])
	}
	s.slide()
	return s.ops()
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
	buf := make([]byte, 0, n)
	for _, t := range toks {
		buf = append(buf, t...)
	}
	return string(buf)
}

// interner numbers distinct tokens so that comparing is comparing ints.
// All whitespace has one number: a space that became a line break (a
// re-wrapped paragraph) lines up, and shows as a whitespace change instead
// of words removed and added again.
type interner map[string]int32

func (m interner) id(s string) int32 {
	if k := kindOf(s); k == spaceToken || k == newlineToken {
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
// ("x\n- " instead of "- x\n"); both are correct, one is readable.
func (s script) slide() {
	for i := 0; i < len(s); {
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
		for i > 0 && s[i-1].kind == Equal && s[i-1].tok == s[j-1].tok {
			i--
			j--
		}
		// free: p holds an unchanged token once the run moves away from it.
		free := func(p int) bool { return (p >= i0 && p < j0) || s[p].kind == Equal }
		// How far right it could go, and where it reads best.
		best, bestScore := 0, s.score(i, j)
		for r := 1; j+r-1 < len(s) && free(j+r-1) && s[j+r-1].tok == s[i+r-1].tok; r++ {
			if sc := s.score(i+r, j+r); sc > bestScore {
				best, bestScore = r, sc
			}
		}
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
func (s script) score(i, j int) int {
	sc := s.boundary(i) + s.boundary(j)
	if kindOf(s[i].tok) == spaceToken {
		sc--
	}
	if kindOf(s[j-1].tok) == spaceToken {
		sc--
	}
	return sc
}

// boundary rates the gap before s[i].
func (s script) boundary(i int) int {
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

// change is a changed stretch while tidying: what it removes and adds.
type change struct{ del, ins []string }

func (c change) words() int {
	return max(countWords(c.del), countWords(c.ins))
}

func countWords(toks []string) int {
	n := 0
	for _, t := range toks {
		if kindOf(t) == wordToken {
			n++
		}
	}
	return n
}

// ops folds weak equalities into the changes around them and returns the
// final operations.
func (s script) ops() []Op {
	// Split into alternating equal stretches and changes.
	type piece struct {
		equal []string // when not a change
		chg   *change
	}
	var pieces []piece
	for i := 0; i < len(s); {
		j := i
		if s[i].kind == Equal {
			for j < len(s) && s[j].kind == Equal {
				j++
			}
			eq := make([]string, 0, j-i)
			for _, st := range s[i:j] {
				eq = append(eq, st.tok)
			}
			pieces = append(pieces, piece{equal: eq})
		} else {
			c := &change{}
			for j < len(s) && s[j].kind != Equal {
				if s[j].kind == Delete {
					c.del = append(c.del, s[j].tok)
				} else {
					c.ins = append(c.ins, s[j].tok)
				}
				j++
			}
			pieces = append(pieces, piece{chg: c})
		}
		i = j
	}
	// Fold: change, weak equality, change → one change.
	out := pieces[:0]
	for _, p := range pieces {
		n := len(out)
		if p.chg != nil && n >= 2 && out[n-1].chg == nil && out[n-2].chg != nil &&
			weak(out[n-1].equal, *out[n-2].chg, *p.chg) {
			before, eq := out[n-2].chg, out[n-1].equal
			before.del = append(append(before.del, eq...), p.chg.del...)
			before.ins = append(append(before.ins, eq...), p.chg.ins...)
			out = out[:n-1]
			continue
		}
		out = append(out, p)
	}
	var ops []Op
	for _, p := range out {
		if p.chg == nil {
			ops = append(ops, Op{Equal, joinTokens(p.equal)})
			continue
		}
		if len(p.chg.del) > 0 {
			ops = append(ops, Op{Delete, joinTokens(p.chg.del)})
		}
		if len(p.chg.ins) > 0 {
			ops = append(ops, Op{Insert, joinTokens(p.chg.ins)})
		}
	}
	return ops
}

// weak reports whether the unchanged tokens eq between two changes are
// better shown as part of one bigger change: no line break, and either no
// word at all or a single short word between changes of several words.
func weak(eq []string, before, after change) bool {
	words, chars := 0, 0
	for _, t := range eq {
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
	return words == 1 && chars <= 4 && before.words() >= 2 && after.words() >= 2
}

// Count returns the number of words the operations add and remove.
func Count(ops []Op) (inserted, deleted int) {
	for _, op := range ops {
		switch op.Kind {
		case Insert:
			inserted += countWords(tokenize(op.Text))
		case Delete:
			deleted += countWords(tokenize(op.Text))
		}
	}
	return inserted, deleted
}
