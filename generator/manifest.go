package generator

// A warm rebuild with nothing changed should cost a fraction of a cold one.
// Each written output folder carries, in its marker file, a stamp of
// everything it was made from — every file of the site with its size and
// modification time, the options, the program itself — and the user's
// cache folder keeps a manifest for it: that stamp, the number of files
// written and the build's findings (kept out of the output, which gets
// published). When the stamp of the site as it is now matches both and the
// output is whole, the build is done: the findings are told again and
// nothing is read, rendered or written.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/isms-project/isms/internal/finding"
)

// Manifest describes a written output folder.
type Manifest struct {
	Note     string           `json:"note,omitempty"`
	Stamp    string           `json:"stamp"`              // SourceStamp of the site the output was built from
	Files    int              `json:"files,omitempty"`    // output files written, the marker left out
	Findings finding.Findings `json:"findings,omitempty"` // the build's warnings
}

// SourceStamp hashes what a build of srcDir into outDir depends on: every
// file of the site (path, size, modification time), the build options and
// this program, and adds up the size of the site's files. The stamp is ""
// when the site cannot be stamped reliably — a symbolic link in it may lead
// to files the walk does not see.
func SourceStamp(srcDir, outDir string, opts Options) (stamp string, size int64, err error) {
	h := sha256.New()
	fmt.Fprintf(h, "options %v %v %s\n", opts.Drafts, opts.NoSearch, opts.Today.Format(time.DateOnly))
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
	var marker Manifest
	data, err := os.ReadFile(filepath.Join(outDir, outputMarker))
	if err != nil || json.Unmarshal(data, &marker) != nil || marker.Stamp != stamp {
		return nil, false
	}
	file, err := manifestFile(outDir)
	if err != nil {
		return nil, false
	}
	var m Manifest
	data, err = os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &m) != nil || m.Stamp != stamp {
		return nil, false
	}
	n := 0
	err = filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() != outputMarker {
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

// markerBytes is the marker file's content: a note and the stamp.
func (o *Output) markerBytes() []byte {
	b, _ := json.MarshalIndent(Manifest{Note: "This folder is written by isms build and replaced by the next build.", Stamp: o.stamp}, "", "  ")
	return append(b, '\n')
}

// saveManifest keeps the manifest of a written output, for the next build
// to find. It is only a speed-up: a failure to save it is not an error.
func (o *Output) saveManifest(outDir string, files int) {
	if o.stamp == "" {
		return
	}
	file, err := manifestFile(outDir)
	if err != nil {
		return
	}
	b, err := json.Marshal(Manifest{Stamp: o.stamp, Files: files, Findings: o.findings})
	if err != nil || os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp := file + ".tmp"
	if os.WriteFile(tmp, b, 0o644) == nil {
		_ = os.Rename(tmp, file)
	}
}
