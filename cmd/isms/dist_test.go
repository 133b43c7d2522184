package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// distPlatforms are the systems a release is for (Makefile DIST_PLATFORMS).
var distPlatforms = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}

// TestDist runs make dist into a temporary folder: isms builds for every
// release system, SHA256SUMS holds the right sum of each binary, and the
// binary for this machine reports the version and commit it was given.
// Built from nothing, the six targets take minutes on two cores; with the
// build cache of an earlier run, well under one (only the link). Left out
// with -short.
func TestDist(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: make dist builds isms for six systems; skipped")
	}
	for _, tool := range []string{"make", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: make dist not tested", tool)
		}
	}
	dir := t.TempDir()
	const version, commit = "v9.8.7-test", "0123456789abcdef0123456789abcdef01234567"
	cmd := exec.Command("make", "-C", repoRoot, "dist", "DIST="+dir, "VERSION="+version, "COMMIT="+commit, "DIST_PLATFORMS="+strings.Join(distPlatforms, " "))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make dist: %v\n%s", err, out)
	}

	var want []string
	for _, p := range distPlatforms {
		name := "isms-" + strings.ReplaceAll(p, "/", "-")
		if strings.HasPrefix(p, "windows/") {
			name += ".exe"
		}
		want = append(want, name)
	}
	f, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var listed []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Errorf("SHA256SUMS: line %q is not \"SUM  FILE\"", sc.Text())
			continue
		}
		listed = append(listed, name)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("SHA256SUMS lists %s: %v", name, err)
			continue
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
			t.Errorf("SHA256SUMS: %s has sum %x, the file says %s", name, got, sum)
		}
	}
	slices.Sort(listed)
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("SHA256SUMS lists %v, want %v", listed, want)
	}

	self := filepath.Join(dir, "isms-"+runtime.GOOS+"-"+runtime.GOARCH)
	if runtime.GOOS == "windows" {
		self += ".exe"
	}
	if !slices.Contains(distPlatforms, runtime.GOOS+"/"+runtime.GOARCH) {
		return
	}
	out, err := exec.Command(self, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", self, err)
	}
	if got, want := strings.TrimSpace(string(out)), "isms "+version+" (commit "+commit+")"; got != want {
		t.Errorf("isms version = %q, want %q", got, want)
	}
}
