package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/isms-project/isms/internal/output"
)

func TestIsEditorTemp(t *testing.T) {
	for _, tc := range []struct {
		name string
		temp bool
	}{
		{"pol-01.md", false},
		{"policies/pol-01.md", false},
		{"logo.svg", false}, // not a vim swap file
		{"report.pdf", false},
		{"soa.xlsx", false},
		{"isms.yaml", false},
		{"notes#1.md", false},
		{"a~b.md", false},
		{"v1.0-tmp.md", false},
		{".pol-01.md.swp", true},
		{".pol-01.md.swo", true},
		{".pol-01.md.swx", true},
		{".pol-01.md.swpx", true},
		{"4913", true},
		{"policies/4913", true},
		{"pol-01.md~", true},
		{"#pol-01.md#", true},
		{".#pol-01.md", true},
		{"pol-01.md___jb_tmp___", true},
		{"pol-01.md___jb_old___", true},
		{"pol-01.md.tmp", true},
		{"pol-01.TMP", true},
		{".DS_Store", true},
		{"Thumbs.db", true},
		{".goutputstream-ABC123", true},
		{"~$soa.xlsx", true},
		{".~lock.soa.xlsx#", true},
		{"pol-01.md.kate-swp", true},
	} {
		if got := isEditorTemp(tc.name); got != tc.temp {
			t.Errorf("isEditorTemp(%q) = %v, want %v", tc.name, got, tc.temp)
		}
	}
}

// batchHarness runs batch in a synctest bubble: fake time, so the tests
// say exactly when batches come.
type batchHarness struct {
	in  chan string
	out chan []string
}

func startBatch(t *testing.T) batchHarness {
	h := batchHarness{in: make(chan string), out: make(chan []string)}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go batch(ctx, h.in, h.out, quietTime, maxWait)
	return h
}

// ready returns the batch waiting to be taken, or nil.
func (h batchHarness) ready() []string {
	synctest.Wait()
	select {
	case b := <-h.out:
		return b
	default:
		return nil
	}
}

func TestBatchQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		h.in <- "a.md"
		time.Sleep(quietTime - time.Millisecond)
		if b := h.ready(); b != nil {
			t.Fatalf("batch %v came before %v of quiet", b, quietTime)
		}
		h.in <- "b.md" // restarts the quiet time
		time.Sleep(quietTime - time.Millisecond)
		if b := h.ready(); b != nil {
			t.Fatalf("batch %v came before %v of quiet after the last event", b, quietTime)
		}
		time.Sleep(time.Millisecond)
		if b := h.ready(); !slices.Equal(b, []string{"a.md", "b.md"}) {
			t.Fatalf("batch = %v, want [a.md b.md]", b)
		}
		time.Sleep(time.Second)
		if b := h.ready(); b != nil {
			t.Fatalf("a second batch %v without events", b)
		}
	})
}

func TestBatchBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		// A git checkout: 300 files within 30 ms, some written twice.
		for i := range 300 {
			h.in <- fmt.Sprintf("docs/d%03d.md", i%250)
			time.Sleep(100 * time.Microsecond)
		}
		time.Sleep(quietTime)
		b := h.ready()
		if len(b) != 250 {
			t.Fatalf("batch has %d paths, want the 250 distinct ones", len(b))
		}
		time.Sleep(time.Second)
		if b := h.ready(); b != nil {
			t.Fatalf("the burst made a second batch of %d paths", len(b))
		}
	})
}

func TestBatchMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		// A steady stream, an event every 10 ms for 1 s, never quiet: it
		// still makes a batch at least every maxWait.
		start := time.Now()
		var batches []time.Duration
		for i := range 100 {
			h.in <- fmt.Sprintf("f%d.md", i)
			time.Sleep(10 * time.Millisecond)
			if b := h.ready(); b != nil {
				batches = append(batches, time.Since(start))
			}
		}
		if len(batches) < 3 {
			t.Fatalf("%d batches in 1 s of steady events, want one every %v at least: %v", len(batches), maxWait, batches)
		}
		last := time.Duration(0)
		for _, at := range batches {
			if at-last > maxWait+10*time.Millisecond {
				t.Errorf("batches at %v: %v between two, more than the max wait %v", batches, at-last, maxWait)
			}
			last = at
		}
	})
}

func TestBatchWhileBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := startBatch(t)
		h.in <- "a.md"
		time.Sleep(quietTime)
		// The receiver is rebuilding and does not take the batch yet;
		// later events join it and batch never blocks the watcher.
		h.in <- "b.md"
		time.Sleep(time.Second)
		h.in <- "c.md"
		if b := h.ready(); !slices.Equal(b, []string{"a.md", "b.md", "c.md"}) {
			t.Fatalf("batch = %v, want [a.md b.md c.md]", b)
		}
	})
}

// watchQuiet is the batching of the watcher tests: longer than the
// server's, so that a busy machine does not split a burst (the timing of
// batches is TestBatch*'s; these test what the watcher reports).
const watchQuiet = 200 * time.Millisecond

// watchHarness runs a real watcher and batcher on a folder.
type watchHarness struct {
	dir     string
	batches chan []string
	errs    chan error
}

func startWatch(t *testing.T, dir string) watchHarness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan string)
	h := watchHarness{dir: dir, batches: make(chan []string), errs: make(chan error, 10)}
	w, err := newWatcher(dir, changes, func(err error) { h.errs <- err })
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool, 2)
	go func() { w.run(ctx); done <- true }()
	go func() { batch(ctx, changes, h.batches, watchQuiet, 10*time.Second); done <- true }()
	t.Cleanup(func() { cancel(); <-done; <-done })
	return h
}

// next waits for the next batch.
func (h watchHarness) next(t *testing.T) []string {
	t.Helper()
	select {
	case b := <-h.batches:
		slices.Sort(b)
		return b
	case err := <-h.errs:
		t.Fatalf("watcher: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5 s")
	}
	return nil
}

// none checks that no batch comes for a while.
func (h watchHarness) none(t *testing.T) {
	t.Helper()
	select {
	case b := <-h.batches:
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(watchQuiet + 200*time.Millisecond):
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatcher(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "isms.yaml"), "title: T\n")
	write(t, filepath.Join(dir, "policies", "pol.md"), "v1")
	write(t, filepath.Join(dir, ".git", "HEAD"), "ref")
	write(t, filepath.Join(dir, "public", output.Marker), "")
	h := startWatch(t, dir)
	pol := filepath.Join(dir, "policies", "pol.md")

	t.Run("write in place", func(t *testing.T) {
		write(t, pol, "v2")
		if b := h.next(t); !slices.Equal(b, []string{"policies/pol.md"}) {
			t.Fatalf("batch = %v", b)
		}
	})
	t.Run("vim: swap file, 4913, backup by rename, write, remove backup", func(t *testing.T) {
		swp := filepath.Join(dir, "policies", ".pol.md.swp")
		write(t, swp, "swap")
		write(t, filepath.Join(dir, "policies", "4913"), "")
		os.Remove(filepath.Join(dir, "policies", "4913"))
		if err := os.Rename(pol, pol+"~"); err != nil {
			t.Fatal(err)
		}
		write(t, pol, "v3")
		os.Remove(pol + "~")
		os.Remove(swp)
		if b := h.next(t); !slices.Equal(b, []string{"policies/pol.md"}) {
			t.Fatalf("batch = %v, want only the document", b)
		}
	})
	t.Run("atomic save by rename", func(t *testing.T) {
		tmp := pol + "___jb_tmp___"
		write(t, tmp, "v4")
		if err := os.Rename(tmp, pol); err != nil {
			t.Fatal(err)
		}
		if b := h.next(t); !slices.Equal(b, []string{"policies/pol.md"}) {
			t.Fatalf("batch = %v", b)
		}
	})
	t.Run("temporary files alone", func(t *testing.T) {
		write(t, filepath.Join(dir, "policies", "#pol.md#"), "x")
		write(t, filepath.Join(dir, ".DS_Store"), "x")
		write(t, filepath.Join(dir, "policies", "pol.md.tmp"), "x")
		h.none(t)
	})
	t.Run("hidden folders and output are not watched", func(t *testing.T) {
		write(t, filepath.Join(dir, ".git", "HEAD"), "ref2")
		write(t, filepath.Join(dir, "public", "index.html"), "x")
		h.none(t)
	})
	t.Run("new folders are watched", func(t *testing.T) {
		deep := filepath.Join(dir, "records", "2027", "q1")
		write(t, filepath.Join(deep, "a.md"), "a")
		b := h.next(t)
		if !slices.Contains(b, "records") {
			t.Fatalf("batch = %v, want the new folder", b)
		}
		write(t, filepath.Join(deep, "a.md"), "a2")
		if b := h.next(t); !slices.Equal(b, []string{"records/2027/q1/a.md"}) {
			t.Fatalf("batch = %v, want the file in the new folder", b)
		}
	})
	t.Run("renamed folder", func(t *testing.T) {
		if err := os.Rename(filepath.Join(dir, "records"), filepath.Join(dir, "evidence")); err != nil {
			t.Fatal(err)
		}
		if b := h.next(t); !slices.Equal(b, []string{"evidence", "records"}) {
			t.Fatalf("batch = %v", b)
		}
		write(t, filepath.Join(dir, "evidence", "2027", "q1", "a.md"), "a3")
		if b := h.next(t); !slices.Equal(b, []string{"evidence/2027/q1/a.md"}) {
			t.Fatalf("batch = %v, want the file under the folder's new name", b)
		}
	})
	t.Run("checkout of 300 files", func(t *testing.T) {
		for i := range 300 {
			write(t, filepath.Join(dir, "policies", fmt.Sprintf("p%03d.md", i)), "x")
		}
		if b := h.next(t); len(b) != 300 {
			t.Fatalf("batch has %d paths, want 300", len(b))
		}
		h.none(t)
	})
	t.Run("site folder removed and back", func(t *testing.T) {
		tmp := dir + ".away"
		if err := os.Rename(dir, tmp); err != nil {
			t.Fatal(err)
		}
		if b := h.next(t); !slices.Contains(b, allChanged) {
			t.Fatalf("batch = %v, want everything", b)
		}
		if err := os.Rename(tmp, dir); err != nil {
			t.Fatal(err)
		}
		if b := h.next(t); !slices.Contains(b, allChanged) {
			t.Fatalf("batch = %v, want everything", b)
		}
		write(t, pol, "v5")
		if b := h.next(t); !slices.Equal(b, []string{"policies/pol.md"}) {
			t.Fatalf("batch = %v: the folder is not watched again", b)
		}
	})
}
