package main

import (
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCommands are the extra commands the scripts may use.
func scriptCommands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"without": cmdWithout,
		// serve_test.go
		"freeport":  cmdFreePort,
		"waitserve": cmdWaitServe,
		"httpget":   cmdHTTPGet,
		"httpwait":  cmdHTTPWait,
	}
}

// without REGEXP FILE writes the last command's stdout, minus the lines
// matching REGEXP, to FILE (for comparing the rest with cmp).
func cmdWithout(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: without REGEXP FILE")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	var keep []string
	for _, line := range strings.SplitAfter(ts.ReadFile("stdout"), "\n") {
		if line != "" && !re.MatchString(line) {
			keep = append(keep, line)
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(keep, "")), 0o644))
}
