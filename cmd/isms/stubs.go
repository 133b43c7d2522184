package main

import "io"

func cmdServe(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "serve is not built yet")
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "new is not built yet")
}

func cmdInit(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "init is not built yet")
}

func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	return usageError(stderr, "migrate is not built yet")
}
