package main

import "io"

func cmdServe(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "serve is not built yet")
}

func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "migrate is not built yet")
}
