package main

import (
	"runtime/debug"
)

// commit is set at link time (-ldflags "-X main.commit=…"), as version is:
// make dist sets both.
var commit = ""

// release is the version and commit a binary was built from.
type release struct {
	Version  string // v1.2.0, or dev
	Commit   string // the commit's hash, or ""
	Modified bool   // built from a work tree with changes to Commit
}

// thisRelease is this binary's release. Without -ldflags the version and
// commit come from the build information Go records: the module's version
// for a `go install …/cmd/isms@v1.2.0`, the VCS revision for a build in a
// git work tree.
func thisRelease() release {
	info, _ := debug.ReadBuildInfo()
	return releaseOf(version, commit, info)
}

// releaseOf is thisRelease with its inputs given.
func releaseOf(version, commit string, info *debug.BuildInfo) release {
	r := release{Version: version, Commit: commit}
	if info != nil {
		if r.Version == "" || r.Version == "dev" {
			if v := info.Main.Version; v != "" && v != "(devel)" {
				r.Version = v
			}
		}
		var revision string
		var modified bool
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		// Whether the work tree had changes is known only of the
		// build's own revision, not of a commit given by -ldflags.
		if r.Commit == "" && revision != "" {
			r.Commit, r.Modified = revision, modified
		}
	}
	if r.Version == "" {
		r.Version = "dev"
	}
	return r
}

// String is what isms version prints: "isms v1.2.0 (commit 3f2a…)",
// "isms v1.2.0", or "isms dev (commit 3f2a…, modified)".
func (r release) String() string {
	line := "isms " + r.Version
	switch {
	case r.Commit != "" && r.Modified:
		line += " (commit " + r.Commit + ", modified)"
	case r.Commit != "":
		line += " (commit " + r.Commit + ")"
	}
	return line
}
