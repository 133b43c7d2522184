//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakMemoryMiB is the largest resident set a finished process had, in
// MiB, or 0 when the system does not say.
func peakMemoryMiB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) / (1 << 20) // bytes on macOS
	}
	return float64(ru.Maxrss) / (1 << 10) // KiB on Linux and the BSDs
}
