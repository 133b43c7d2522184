// Package parallel runs the build's independent pieces of work — reading
// documents, rendering pages, analysing text — on all cores. It knows
// nothing of what the work is.
package parallel

import (
	"runtime"
	"sync"
)

// Seq is the indices 0 to n-1.
func Seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// For calls f for each index on all cores and waits for them.
func For(indices []int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(indices)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for _, i := range indices {
		next <- i
	}
	close(next)
	wg.Wait()
}
