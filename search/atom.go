package search

// Atoms: the terms and word forms the analysis makes, as numbers. An
// analysed document holds thousands of them; as numbers they hold no
// pointers, so the collector never scans them, and they take half the
// space of unique.Handle pairs. The table is the process's, like unique's
// handles, so that an Analyzed a preview server keeps stays good for every
// later Export. Numbers depend on the order in which workers meet words:
// nothing written out may depend on them (Export numbers terms in the
// order of the documents, and sorts by the strings).

import (
	"hash/maphash"
	"math/bits"
	"sync"
)

// An atom is an interned string; the zero atom is none (the term of a stop
// word).
type atom uint32

// atomShards spreads the table over locks, like the memo.
const atomShards = 64

type atomTable struct {
	seed   maphash.Seed
	shards [atomShards]atomShard
}

type atomShard struct {
	mu   sync.RWMutex
	ids  map[string]atom
	strs []string // by number within the shard, less one
	_    [32]byte // keep shards on separate cache lines
}

var atoms = &atomTable{seed: maphash.MakeSeed()}

// atomOf returns the atom of s, making one the first time.
func atomOf(s string) atom {
	k := maphash.String(atoms.seed, s) % atomShards
	sh := &atoms.shards[k]
	sh.mu.RLock()
	a, ok := sh.ids[s]
	sh.mu.RUnlock()
	if ok {
		return a
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if a, ok := sh.ids[s]; ok {
		return a
	}
	if sh.ids == nil {
		sh.ids = make(map[string]atom)
	}
	sh.strs = append(sh.strs, s)
	a = atom(len(sh.strs))*atomShards | atom(k)
	sh.ids[s] = a
	return a
}

// String is the string of a, "" for the zero atom.
func (a atom) String() string {
	if a == 0 {
		return ""
	}
	sh := &atoms.shards[a%atomShards]
	sh.mu.RLock()
	s := sh.strs[a/atomShards-1]
	sh.mu.RUnlock()
	return s
}

// atomBound is more than every atom made so far: the length of a slice
// indexed by atom.
func atomBound() int {
	n := 0
	for k := range atoms.shards {
		sh := &atoms.shards[k]
		sh.mu.RLock()
		n = max(n, (len(sh.strs)+1)*atomShards)
		sh.mu.RUnlock()
	}
	return n
}

// An atomSet is a set of atoms, a bit each: the atoms are dense, so a set
// of all a site's words is a few tens of kilobytes, and adding one costs
// no hashing.
type atomSet []uint64

func newAtomSet() atomSet { return make(atomSet, atomBound()/64+1) }

func (s *atomSet) add(a atom) {
	i := int(a / 64)
	if i >= len(*s) {
		*s = append(*s, make(atomSet, i+1-len(*s))...)
	}
	(*s)[i] |= 1 << (a % 64)
}

// each calls fn with each atom of s, in order of number.
func (s atomSet) each(fn func(atom)) {
	for i, w := range s {
		for ; w != 0; w &= w - 1 {
			fn(atom(i*64 + bits.TrailingZeros64(w)))
		}
	}
}

// An atomIndex numbers atoms: a slice by atom of each one's number plus
// one (zero for none).
type atomIndex []int32

func newAtomIndex() atomIndex { return make(atomIndex, atomBound()) }

func (m atomIndex) get(a atom) (int32, bool) {
	if int(a) < len(m) && m[a] != 0 {
		return m[a] - 1, true
	}
	return 0, false
}

func (m *atomIndex) set(a atom, n int32) {
	if int(a) >= len(*m) {
		*m = append(*m, make(atomIndex, int(a)+1-len(*m)+len(*m)/2)...)
	}
	(*m)[a] = n + 1
}
