package main

import "io"

func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "migrate is not built yet")
}
