package generator

import (
	"runtime"
	"strings"
	"sync"
)

// textRefs splits text that may hold [[…]] references — a justification in
// soa.yaml, read as text, not Markdown — into its plain runs and its
// references, in order: text is called for each run of plain text and ref
// for each reference with its target and own link text.
func textRefs(s string, text func(string), ref func(target, own string)) {
	for {
		i := strings.Index(s, "[[")
		j := -1
		if i >= 0 {
			j = strings.Index(s[i:], "]]")
		}
		if i < 0 || j < 0 {
			if s != "" {
				text(s)
			}
			return
		}
		if i > 0 {
			text(s[:i])
		}
		target, own, _ := strings.Cut(s[i+2:i+j], "|")
		ref(strings.TrimSpace(target), strings.TrimSpace(own))
		s = s[i+j+2:]
	}
}

// seq is the indices 0 to n-1.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// parallel calls f for each index on all cores and waits for them.
func parallel(indices []int, f func(i int)) {
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
