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
