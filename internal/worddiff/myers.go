package worddiff

import (
	"slices"
	"sync"
)

// myers finds a shortest edit script turning a into b (Myers' O(ND)
// algorithm, "An O(ND) Difference Algorithm and Its Variations", 1986).
// It calls emit once per element, in order: Equal for a kept element,
// Delete for an element of a, Insert for an element of b. It gives up and
// returns false, having called emit for nothing, when the script needs more
// than maxD insertions and deletions: the trace it keeps grows with D², so
// the cap bounds both time and memory.
func myers(a, b []int32, maxD int, emit func(Kind)) bool {
	n, m := len(a), len(b)
	limit := n + m
	if limit > maxD {
		limit = maxD
	}
	off := limit + 1
	buf := myersBuffers.Get().(*myersBuffer)
	defer myersBuffers.Put(buf)
	v := slices.Grow(buf.v[:0], 2*limit+3)[:2*limit+3]
	clear(v)
	// trace holds, from d², v[-d..d] as it stood before round d: one
	// slice for all rounds.
	trace := buf.trace[:0]
	defer func() { buf.v, buf.trace = v, trace }()
	for d := 0; d <= limit; d++ {
		trace = append(trace, v[off-d:off+d+1]...)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1]) // down: insert b[y]
			} else {
				x = int(v[off+k-1]) + 1 // right: delete a[x]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				backtrack(trace, d, n, m, emit)
				return true
			}
		}
	}
	return false
}

// myersBuffer is the memory of one search, kept for the next.
type myersBuffer struct{ v, trace []int32 }

var myersBuffers = sync.Pool{New: func() any { return new(myersBuffer) }}

// backtrack walks the trace of rounds 0 to last from (n, m) back to
// (0, 0) and emits the script forwards.
func backtrack(trace []int32, last, n, m int, emit func(Kind)) {
	// Collect the script backwards, then replay it.
	script := make([]Kind, 0, n+m)
	x, y := n, m
	for d := last; d >= 0; d-- {
		vd := trace[d*d : d*d+2*d+1] // v[-d..d] before round d, index k+d
		at := func(k int) int {
			if k < -d || k > d {
				return 0
			}
			return int(vd[k+d])
		}
		k := x - y
		var prevK int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := at(prevK)
		prevY := prevX - prevK
		if d == 0 {
			prevX, prevY = 0, 0
		}
		for x > prevX && y > prevY {
			script = append(script, Equal)
			x--
			y--
		}
		if d > 0 {
			if x == prevX {
				script = append(script, Insert)
			} else {
				script = append(script, Delete)
			}
			x, y = prevX, prevY
		}
	}
	for i := len(script) - 1; i >= 0; i-- {
		emit(script[i])
	}
}
