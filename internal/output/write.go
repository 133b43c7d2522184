package output

// Writing is atomic and crash-safe. Everything goes into a new folder
// beside the output folder, is flushed to the disk, and only then takes the
// output folder's place in one step (renameat2 RENAME_EXCHANGE on Linux;
// two renames elsewhere). A build that fails or is killed leaves the
// previous output as it was; the half-written folder it leaves behind is
// removed by the next build. Removing the previous output after the
// exchange is a courtesy: if it fails, the new output is in place and the
// writer says so as a warning, not an error.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/isms-project/isms/internal/sitefs"
)

// Marker marks a folder as isms output, so that a build never replaces a
// folder it did not make (a mistyped --out must not delete someone's
// files). It holds a digest of the output's files and nothing else, so
// that two builds of the same site give the same bytes wherever they run.
const Marker = ".isms-output"

// Writer writes outputs. The zero value is ready to use.
type Writer struct {
	// Warn receives problems that do not stop the write: a previous
	// output or a stale temporary folder that could not be removed.
	Warn func(msg string)

	ops fileOps // nil: the real file system; tests inject failures
}

// fileOps are the steps of a write that tests make fail.
type fileOps interface {
	exchange(a, b string) error
	rename(a, b string) error
	removeAll(p string) error
	sync(dir string, files []string) error
}

type osOps struct{}

func (osOps) exchange(a, b string) error            { return exchangeDirs(a, b) }
func (osOps) rename(a, b string) error              { return os.Rename(a, b) }
func (osOps) removeAll(p string) error              { return os.RemoveAll(p) }
func (osOps) sync(dir string, files []string) error { return syncTree(dir, files) }

// Write puts o into dir with a zero Writer.
func Write(dir, srcDir string, o *Output) error {
	var w Writer
	return w.Write(dir, srcDir, o)
}

// Write puts the output into dir atomically: everything is written to a
// new folder beside dir, flushed to the disk, and then takes dir's place.
// If anything fails, dir is left as it was. srcDir, if given, is the site
// folder: dir may not be it or contain it.
func (w *Writer) Write(dir, srcDir string, o *Output) error {
	ops := w.ops
	if ops == nil {
		ops = osOps{}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if srcDir != "" {
		src, err := filepath.Abs(srcDir)
		if err != nil {
			return err
		}
		if src == abs || strings.HasPrefix(src, abs+string(filepath.Separator)) {
			return fmt.Errorf("output folder %s would replace the site folder %s; choose another --out", dir, srcDir)
		}
	}
	if err := checkReplaceable(abs); err != nil {
		return err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	w.removeStale(ops, parent, filepath.Base(abs))
	tmp, err := os.MkdirTemp(parent, tempPrefix(abs))
	if err != nil {
		return err
	}
	fail := func(err error) error {
		if rerr := ops.removeAll(tmp); rerr != nil {
			w.warnf("could not remove the unfinished output %s: %v (the next build removes it)", tmp, rerr)
		}
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	files, digest, err := writeTree(tmp, o)
	if err != nil {
		return fail(err)
	}
	if err := ops.sync(tmp, files); err != nil {
		return fail(fmt.Errorf("flushing the output to disk: %w", err))
	}
	if err := w.swap(ops, tmp, abs); err != nil {
		return fail(err)
	}
	o.saveManifest(abs, digest, len(files)-1)
	return nil
}

func (w *Writer) warnf(format string, args ...any) {
	if w.Warn != nil {
		w.Warn(fmt.Sprintf(format, args...))
	}
}

// tempPrefix names the folders a write of dir makes beside it.
func tempPrefix(dir string) string { return "." + filepath.Base(dir) + ".new-" }

// removeStale removes temporary folders that earlier writes of the same
// output left behind when they were killed.
func (w *Writer) removeStale(ops fileOps, parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "."+base+".new-") {
			if err := ops.removeAll(filepath.Join(parent, e.Name())); err != nil {
				w.warnf("could not remove %s, left by an earlier build: %v", filepath.Join(parent, e.Name()), err)
			}
		}
	}
}

// checkReplaceable refuses to replace a folder that holds files but is not
// isms output.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	return fmt.Errorf("refusing to replace %s: it holds files but is not an isms output folder (no %s); remove it or choose another --out", dir, Marker)
}

// swap moves the new folder into place and removes the old one; a failure
// to remove the old one is a warning, since the new output is in place.
func (w *Writer) swap(ops fileOps, tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := ops.rename(tmp, dir); err != nil {
			return err
		}
		syncDir(filepath.Dir(dir))
		return nil
	}
	old := tmp // after an exchange, tmp holds the previous output
	if ops.exchange(tmp, dir) != nil {
		old = tmp + ".old"
		if err := ops.rename(dir, old); err != nil {
			return err
		}
		if err := ops.rename(tmp, dir); err != nil {
			_ = ops.rename(old, dir)
			return err
		}
	}
	syncDir(filepath.Dir(dir))
	if err := ops.removeAll(old); err != nil {
		w.warnf("the new output is in %s, but the previous one could not be removed from %s: %v (the next build removes it)", dir, old, err)
	}
	return nil
}

// writeTree writes every output file and the marker under root, on several
// goroutines, and returns the files written (root-relative, the marker
// last) and the output's digest.
func writeTree(root string, o *Output) ([]string, string, error) {
	paths := o.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Parents sort before their children, so each folder is one mkdir.
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, "", err
		}
	}
	sums := make([][sha256.Size]byte, len(paths))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		next = make(chan int)
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			h := sha256.New()
			for i := range next {
				h.Reset()
				if err := writeOutputFile(root, paths[i], o, h); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
				h.Sum(sums[i][:0])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, "", err
	}
	h := sha256.New()
	for i, p := range paths {
		fmt.Fprintf(h, "%s\x00%x\n", p, sums[i])
	}
	digest := hex.EncodeToString(h.Sum(nil))
	if err := sitefs.WriteFile(filepath.Join(root, Marker), markerBytes(digest)); err != nil {
		return nil, "", err
	}
	return append(paths, Marker), digest, nil
}

// writeOutputFile writes one file, hashing its bytes into h.
func writeOutputFile(root, p string, o *Output, h hash.Hash) error {
	dst := filepath.Join(root, filepath.FromSlash(p))
	src, isCopy := o.copies[p]
	if _, generated := o.files[p]; generated || !isCopy {
		data, err := o.Read(p)
		if err != nil {
			return err
		}
		h.Write(data)
		return sitefs.WriteFile(dst, data)
	}
	in, err := o.src.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(io.MultiWriter(out, h), in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return out.Close()
}
