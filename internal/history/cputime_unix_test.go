//go:build unix

package history

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time used so far by this process and by
// its children that have ended (the git processes): on a shared machine
// it says more than the time on the clock.
func cpuTime() (self, children time.Duration) {
	var s, c syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &s)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c)
	tv := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return tv(s), tv(c)
}
