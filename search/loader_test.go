package search

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The client's loading (client/loader.ts, client/index.ts), in Node.

// TestFailedLoadsAreRetried: a search whose term, dictionary or data
// shard fails to load fails; the same search again loads the shard and
// shows what a search over a sound loader shows. (A failed load must not
// stay cached.)
func TestFailedLoadsAreRetried(t *testing.T) {
	node := startNode(t)
	dir, _ := exportTo(t, analyzeAll(smallSite()), Options{})
	for _, fail := range []string{keyTermShard, keyDictShard, keyDocShard} {
		var resp struct{ First, Second, Want any }
		node.call(t, map[string]any{"op": "flaky", "dir": dir, "query": "sikkerhetskopiene", "fail": fail}, &resp)
		if resp.First != "rejected" {
			t.Errorf("%s: the first search, whose %s files fail to load, gave %v, want it rejected", fail, fail, resp.First)
		}
		if want := fmt.Sprint(resp.Want); fmt.Sprint(resp.Second) != want || want == "[]" {
			t.Errorf("%s: the search again gave %v, want %v (not empty)", fail, resp.Second, resp.Want)
		}
	}
}

// TestScriptLoader: two waiters for one file both get its data from one
// script; a missing file fails each time it is asked for, with a new
// script each time; a file loaded before loads again.
func TestScriptLoader(t *testing.T) {
	node := startNode(t)
	dir, _ := exportTo(t, analyzeAll(smallSite()), Options{})
	var resp struct {
		First, Second, Again  string
		Scripts, ScriptsAfter int
		Missing               []string
	}
	node.call(t, map[string]any{"op": "loader", "dir": dir, "key": keyManifest, "missing": keyTermShard + "999"}, &resp)
	if resp.First != "data" || resp.Second != "data" || resp.Scripts != 1 {
		t.Errorf("two waiters for one file: %q and %q from %d scripts, want data for both from one", resp.First, resp.Second, resp.Scripts)
	}
	if !slices.Equal(resp.Missing, []string{"rejected", "rejected"}) || resp.ScriptsAfter != 3 {
		t.Errorf("a missing file twice: %q with %d scripts in all, want it rejected twice, each time with a script of its own (3 in all)", resp.Missing, resp.ScriptsAfter)
	}
	if resp.Again != "data" {
		t.Errorf("the file again: %q, want data", resp.Again)
	}
}

// TestManifestShape: the client refuses a manifest of the wrong shape,
// naming the field.
func TestManifestShape(t *testing.T) {
	node := startNode(t)
	dir, files := exportTo(t, analyzeAll(smallSite()), Options{})
	manifest := string(files[keyManifest+".js"])
	for _, tc := range []struct {
		name, pattern, replace, field string
	}{
		{"number as string", `"docs":(\d+)`, `"docs":"$1"`, "docs"},
		{"missing field", `,"docsPerShard":\d+`, ``, "docsPerShard"},
		{"strings of numbers", `"types":\[[^\]]*\]`, `"types":[1,2]`, "types"},
		{"not an object", `(?s)"manifest",\{.*\}\);`, `"manifest",[1]);`, "not an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := regexp.MustCompile(tc.pattern).ReplaceAllString(manifest, tc.replace)
			if bad == manifest {
				t.Fatalf("%s does not change the manifest", tc.pattern)
			}
			if err := os.WriteFile(filepath.Join(dir, keyManifest+".js"), []byte(bad), 0o644); err != nil {
				t.Fatal(err)
			}
			var resp struct {
				Message string
				Opened  bool
			}
			node.call(t, map[string]any{"op": "openError", "dir": dir}, &resp)
			if resp.Opened || !strings.Contains(resp.Message, tc.field) {
				t.Errorf("opened %v, error %q; want an error naming %s", resp.Opened, resp.Message, tc.field)
			}
		})
	}
}
