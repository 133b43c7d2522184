// Package output is a built site in memory and the one way it reaches a
// disk: Output holds the generated files as bytes, the files copied as they
// are (attachments, static/) as references into the site, and files made
// on first use (the search index under live preview); Write puts it into a
// folder atomically and crash-safely, and the manifest lets a warm rebuild
// with nothing changed skip the work.
//
// It knows paths and bytes, not pages, documents or templates. The build
// (package generator) fills an Output; the writer and the live preview's
// server read it through the same methods.
package output

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/isms-project/isms/internal/finding"
)

// Output is a built site in memory. It is filled by one build and read by
// any number of goroutines after that.
type Output struct {
	files  map[string][]byte
	copies map[string]string    // output path → site path
	lazy   *lazyFiles           // files under lazyDir, made on first use
	pages  map[string]*lazyPage // generated files made on first read
	src    fs.FS

	stamp    string           // for the manifest: what the output was built from
	findings finding.Findings // and the build's warnings
}

// lazyDir is where the lazily made files go: the search index.
const lazyDir = "search/"

// New returns an empty output whose copied files are read from src.
func New(src fs.FS) *Output {
	return &Output{files: map[string][]byte{}, copies: map[string]string{}, src: src}
}

// Set adds or replaces a generated file.
func (o *Output) Set(p string, data []byte) { o.files[p] = data }

// Copy adds a file copied as it is from the site path src.
func (o *Output) Copy(p, src string) { o.copies[p] = src }

// SetSearch gives the files under search/, made by make on first use; ready
// makes them at once (a written build) rather than when first read (the
// live preview, where exporting on every save would slow the reload).
func (o *Output) SetSearch(make func() (map[string][]byte, error), ready bool) error {
	o.lazy = &lazyFiles{make: make}
	if ready {
		_, err := o.lazy.get()
		return err
	}
	return nil
}

// SetLazy adds a generated file made on first read: a page the live
// preview renders only when someone asks for it.
func (o *Output) SetLazy(p string, make func() ([]byte, error)) {
	if o.pages == nil {
		o.pages = map[string]*lazyPage{}
	}
	o.pages[p] = &lazyPage{make: make}
}

// lazyPage is a generated file made on first read.
type lazyPage struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

func (l *lazyPage) get() ([]byte, error) {
	l.once.Do(func() { l.data, l.err = l.make() })
	return l.data, l.err
}

// Keep records what the output was built from (SourceStamp) and the
// build's findings, for the manifest Write keeps in the user's cache.
func (o *Output) Keep(stamp string, findings finding.Findings) {
	o.stamp, o.findings = stamp, findings
}

// Paths lists every output file, sorted.
func (o *Output) Paths() []string {
	out := make([]string, 0, len(o.files)+len(o.copies))
	for p := range o.files {
		out = append(out, p)
	}
	for p := range o.copies {
		if _, dup := o.files[p]; !dup {
			out = append(out, p)
		}
	}
	for p := range o.pages {
		out = append(out, p)
	}
	if o.lazy != nil {
		files, _ := o.lazy.get()
		for p := range files {
			out = append(out, lazyDir+p)
		}
	}
	slices.Sort(out)
	return out
}

// Read returns an output file's content.
func (o *Output) Read(p string) ([]byte, error) {
	if b, ok := o.files[p]; ok {
		return b, nil
	}
	if src, ok := o.copies[p]; ok {
		return fs.ReadFile(o.src, src)
	}
	if l, ok := o.pages[p]; ok {
		return l.get()
	}
	if rest, ok := strings.CutPrefix(p, lazyDir); ok && o.lazy != nil {
		files, err := o.lazy.get()
		if err != nil {
			return nil, err
		}
		if b, ok := files[rest]; ok {
			return b, nil
		}
	}
	return nil, fs.ErrNotExist
}

// Generated reports whether p is a generated file (a page, not a copy or a
// search file).
func (o *Output) Generated(p string) bool {
	_, ok := o.files[p]
	_, lazy := o.pages[p]
	return ok || lazy
}

// Pages is the number of generated files, the search index left out.
func (o *Output) Pages() int { return len(o.files) }

// Diff lists the generated and copied files that are new or changed since
// prev, and those gone. The search index is left out: no page shows it.
func (o *Output) Diff(prev *Output) (changed, removed []string) {
	for p, data := range o.files {
		if prev == nil {
			changed = append(changed, p)
		} else if old, ok := prev.files[p]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
	}
	for p, src := range o.copies {
		if _, dup := o.files[p]; dup {
			continue
		}
		if prev == nil || prev.copies[p] != src {
			changed = append(changed, p)
		}
	}
	if prev != nil {
		for p := range prev.files {
			if _, ok := o.files[p]; !ok && o.copies[p] == "" {
				removed = append(removed, p)
			}
		}
		for p := range prev.copies {
			if _, ok := o.files[p]; !ok && o.copies[p] == "" {
				removed = append(removed, p)
			}
		}
	}
	slices.Sort(changed)
	slices.Sort(removed)
	return slices.Compact(changed), slices.Compact(removed)
}

// lazyFiles are output files made on first use.
type lazyFiles struct {
	once  sync.Once
	make  func() (map[string][]byte, error)
	files map[string][]byte
	err   error
}

func (l *lazyFiles) get() (map[string][]byte, error) {
	l.once.Do(func() { l.files, l.err = l.make() })
	return l.files, l.err
}
