//go:build unix

package search

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used. (Rusage is Unix's; the
// Windows version is in cputime_windows_test.go, so that the package
// vets and builds for every release target.)
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
