package main

import (
	"runtime/debug"
	"testing"
)

func TestRelease(t *testing.T) {
	vcs := func(rev, modified string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified},
		}}
	}
	for _, tc := range []struct {
		name            string
		version, commit string
		info            *debug.BuildInfo
		want            string
	}{
		{"make dist", "v1.2.0", "3f2a9c1", nil, "isms v1.2.0 (commit 3f2a9c1)"},
		{"ldflags win over build info", "v1.2.0", "3f2a9c1", vcs("ffff", "true"), "isms v1.2.0 (commit 3f2a9c1)"},
		{"go install of a release", "dev", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.1"}}, "isms v1.3.1"},
		{"git work tree", "dev", "", vcs("0123abcd", "false"), "isms dev (commit 0123abcd)"},
		{"git work tree with changes", "dev", "", vcs("0123abcd", "true"), "isms dev (commit 0123abcd, modified)"},
		{"version from ldflags, commit from git", "v2.0.0", "", vcs("0123abcd", "false"), "isms v2.0.0 (commit 0123abcd)"},
		{"nothing known", "", "", nil, "isms dev"},
		{"go test", "dev", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "isms dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := releaseOf(tc.version, tc.commit, tc.info).String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
