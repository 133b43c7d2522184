// Package parallel runs the build's independent pieces of work — reading
// documents, rendering pages, analysing text — on all cores. It knows
// nothing of what the work is.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
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

// ForLeavingOne calls f for the indices 0 to n-1, in order of start, and
// waits for them: on all cores but one until held is closed (nil: never
// held), then on all. It is for work that runs beside another process the
// build waits for, such as git, which a worker of ours on its core would
// only slow down.
func ForLeavingOne(n int, held <-chan struct{}, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if held != nil {
		select {
		case <-held:
			held = nil
		default:
		}
	}
	var next atomic.Int64
	taken := make(chan struct{}) // closed when every index is taken
	var once sync.Once
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				once.Do(func() { close(taken) })
				return
			}
			f(i)
		}
	}
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			if k == 0 && workers > 1 && held != nil {
				select {
				case <-held:
				case <-taken:
					return
				}
			}
			work()
		})
	}
	wg.Wait()
}
