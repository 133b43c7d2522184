package output

// A warm rebuild with nothing changed should cost a fraction of a cold one.
// The user's cache folder keeps a manifest for each written output folder:
// a stamp of everything the output was made from — every file of the site
// with its size and modification time, the options, the program itself —
// the digest of the output's files, their number and the build's findings.
// When the stamp of the site as it is now matches, and the output folder's
// marker still holds the same digest with the same number of files, the
// build is done: the findings are told again and nothing is read,
// rendered or written. The output itself carries only its digest: it is
// published, and it must not depend on where or when it was built.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/isms-project/isms/internal/finding"
)

// manifest is what the cache keeps about a written output folder.
type manifest struct {
	Stamp    string           `json:"stamp"`              // SourceStamp of the site the output was built from
	Output   string           `json:"output"`             // the digest in the output's marker
	Files    int              `json:"files,omitempty"`    // output files written, the marker left out
	Findings finding.Findings `json:"findings,omitempty"` // the build's warnings
}

// marker is the content of the output folder's marker file.
type marker struct {
	Note   string `json:"note"`
	Output string `json:"output"` // digest of every output file's path and bytes
}

func markerBytes(digest string) []byte {
	b, _ := json.MarshalIndent(marker{Note: "This folder is written by isms build and replaced by the next build.", Output: digest}, "", "  ")
	return append(b, '\n')
}

// SourceStamp hashes what a build of srcDir into outDir depends on: every
// file of the site (path, size, modification time), the build options (as
// the caller writes them) and this program, and adds up the size of the
// site's files. The stamp is "" when the site cannot be stamped reliably —
// a symbolic link in it may lead to files the walk does not see.
func SourceStamp(srcDir, outDir, options string) (stamp string, size int64, err error) {
	h := sha256.New()
	fmt.Fprintf(h, "options %s\n", options)
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "program %s %d %d\n", exe, info.Size(), info.ModTime().UnixNano())
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(h, "build %s %s\n", bi.Main.Version, bi.GoVersion)
	}
	absOut, _ := filepath.Abs(outDir)
	linked := false
	err = filepath.WalkDir(srcDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if abs, _ := filepath.Abs(p); d.IsDir() && abs == absOut {
			return filepath.SkipDir
		}
		if d.Type()&fs.ModeSymlink != 0 {
			linked = true
			return filepath.SkipAll
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(srcDir, p)
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano())
		size += info.Size()
		return nil
	})
	if err != nil || linked {
		return "", size, err
	}
	return hex.EncodeToString(h.Sum(nil)), size, nil
}

// UpToDate reports whether outDir holds a whole build of the site as
// stamp describes it, and returns that build's findings.
func UpToDate(outDir, stamp string) (finding.Findings, bool) {
	if stamp == "" {
		return nil, false
	}
	file, err := manifestFile(outDir)
	if err != nil {
		return nil, false
	}
	var m manifest
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &m) != nil || m.Stamp != stamp {
		return nil, false
	}
	var mk marker
	data, err = os.ReadFile(filepath.Join(outDir, Marker))
	if err != nil || json.Unmarshal(data, &mk) != nil || mk.Output != m.Output {
		return nil, false
	}
	n := 0
	err = filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() != Marker {
			n++
		}
		return nil
	})
	if err != nil || n != m.Files {
		return nil, false
	}
	return m.Findings, true
}

// manifestFile is where the manifest of an output folder is kept.
func manifestFile(outDir string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(outDir)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, "isms", hex.EncodeToString(sum[:12])+".json"), nil
}

// saveManifest keeps the manifest of a written output, for the next build
// to find. It is only a speed-up: a failure to save it is not an error.
func (o *Output) saveManifest(outDir, digest string, files int) {
	if o.stamp == "" {
		return
	}
	file, err := manifestFile(outDir)
	if err != nil {
		return
	}
	b, err := json.Marshal(manifest{Stamp: o.stamp, Output: digest, Files: files, Findings: o.findings})
	if err != nil || os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp := file + ".tmp"
	if os.WriteFile(tmp, b, 0o644) == nil {
		_ = os.Rename(tmp, file)
	}
}
