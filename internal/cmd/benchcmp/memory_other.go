//go:build !unix

package main

import "os"

// peakMemoryMiB is 0 where the process state does not hold the peak
// resident set (Windows keeps it in a call this program does not make).
func peakMemoryMiB(*os.ProcessState) float64 { return 0 }
