package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The command line is tested through scripts under testdata/script: each
// builds or checks a small site inline and asserts exit codes, output and
// files. The scripts run the real program as "isms".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"isms": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                scriptCommands(),
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1795737600")       // 2026-11-27
			env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/.cache") // build manifests stay in the test's folder
			return nil
		},
	})
}
