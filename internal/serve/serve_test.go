package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// serveSite is a small site with attachments of the kinds a site has.
var serveSite = map[string]string{
	"isms.yaml": "title: Testco ISMS\norganization: Testco\nlanguage: en\nscope: Everything we do.\n",
	"policies/pol-01.md": `---
id: POL-01
title: Security policy
type: policy
controls: ["5.1"]
attachments:
  - {title: Scan, file: scan.pdf}
  - {title: Chart, file: chart.png}
  - {title: Diagram, file: diagram.svg}
  - {title: Register, file: register.xlsx}
  - {title: List, file: list.csv}
---
The policy text, version one.

See [[PRO-01]].
`,
	"policies/scan.pdf":      "%PDF-1.4\n%%EOF\n",
	"policies/chart.png":     "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	"policies/diagram.svg":   `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	"policies/register.xlsx": "PK\x03\x04",
	"policies/list.csv":      "a,b\n1,2\n",
	"procedures/pro-01.md": `---
id: PRO-01
title: Access procedure
type: procedure
controls: ["5.15"]
---
Back to [[POL-01]].
`,
	"guidelines/gui-01.md": `---
id: GUI-01
title: A guideline nobody links to
type: guideline
---
Guidance.
`,
	"mytheme/assets/style.css": "body { color: black; }\n",
}

func writeSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// syncBuffer is the server's log, read while it is written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	dir      string
	addr     string // host:port
	url      string // http://host:port/
	log      *syncBuffer
	rebuilds *rebuildLog
	saves    atomic.Int32 // files written by save
	stop     func() error
}

// rebuildLog keeps what the server's Rebuilt hook reported, for tests to
// wait on.
type rebuildLog struct {
	mu   sync.Mutex
	all  []Rebuild
	more chan struct{} // closed, and replaced, at each report
	seen int           // how many the test has taken with next
}

func newRebuildLog() *rebuildLog { return &rebuildLog{more: make(chan struct{})} }

func (r *rebuildLog) add(b Rebuild) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, b)
	close(r.more)
	r.more = make(chan struct{})
}

// next waits for the first rebuild the test has not taken yet.
func (r *rebuildLog) next(t testing.TB) Rebuild {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		r.mu.Lock()
		if r.seen < len(r.all) {
			b := r.all[r.seen]
			r.seen++
			r.mu.Unlock()
			return b
		}
		more := r.more
		r.mu.Unlock()
		select {
		case <-more:
		case <-deadline:
			t.Fatal("no rebuild within 30 s")
		}
	}
}

// after returns a channel that is closed at the next rebuild: for a
// goroutine other than the test's, which does not take them.
func (r *rebuildLog) after() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.more
}

// upTo takes rebuilds until one whose changes include p (or that had to
// assume anything changed), and returns them all, that one last: every
// rebuild a change made before p's set off.
func (r *rebuildLog) upTo(t testing.TB, p string) []Rebuild {
	t.Helper()
	var out []Rebuild
	for {
		b := r.next(t)
		out = append(out, b)
		if b.Changes == nil || slices.Contains(b.Changes, p) {
			return out
		}
	}
}

// startServer serves a site written from files; it is stopped when the
// test ends.
func startServer(t testing.TB, files map[string]string, opts Options) *testServer {
	t.Helper()
	dir := t.TempDir()
	writeSite(t, dir, files)
	return startServerIn(t, dir, opts)
}

// startServerIn serves the site in dir, on opts.Addr if set.
func startServerIn(t testing.TB, dir string, opts Options) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", cmpOr(opts.Addr, "127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{dir: dir, addr: ln.Addr().String(), url: "http://" + ln.Addr().String() + "/", log: &syncBuffer{}, rebuilds: newRebuildLog()}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	opts.Dir, opts.Listener, opts.Log = dir, ln, ts.log
	opts.Ready = func(string) { close(ready) }
	opts.Rebuilt = ts.rebuilds.add
	if opts.Today.IsZero() {
		opts.Today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	}
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, opts) }()
	var once sync.Once
	var serveErr error
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case serveErr = <-done:
			case <-time.After(10 * time.Second):
				serveErr = fmt.Errorf("Serve did not return within 10 s of the cancel")
			}
		})
		return serveErr
	}
	t.Cleanup(func() {
		if err := ts.stop(); err != nil {
			t.Error(err)
		}
	})
	// Serve builds before it answers; requests wait in the listen queue.
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("the server stopped before it started: %v\n%s", err, ts.log)
	case <-time.After(60 * time.Second):
		t.Fatalf("the server did not start: %s", ts.log)
	}
	return ts
}

// save writes a site file the way editors that save by rename do, with
// one event: the text is written beside the site and moved in.
func (ts *testServer) save(t testing.TB, name, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(ts.dir), "save-"+strconv.Itoa(int(ts.saves.Add(1))))
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, ts.path(name)); err != nil {
		t.Fatal(err)
	}
}

// mark saves a new file that no page shows, and returns its site path:
// the rebuild it sets off comes after those of every change made before.
func (ts *testServer) mark(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("mark-%d.txt", ts.saves.Load()+1)
	ts.save(t, name, "mark\n")
	return name
}

func (ts *testServer) path(name string) string {
	return filepath.Join(ts.dir, filepath.FromSlash(name))
}

func (ts *testServer) write(t testing.TB, name, text string) {
	t.Helper()
	writeSite(t, ts.dir, map[string]string{name: text})
}

// replace edits a site file in place.
func (ts *testServer) replace(t testing.TB, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(ts.path(name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	ts.write(t, name, strings.Replace(string(data), old, new, 1))
}

type response struct {
	status int
	header http.Header
	body   string
}

// raw sends a request line as it is, so that paths reach the server
// without a client cleaning them.
func (ts *testServer) raw(t testing.TB, method, target, host string) response {
	t.Helper()
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(body)}
}

func (ts *testServer) get(t testing.TB, target string) response {
	t.Helper()
	return ts.raw(t, "GET", target, ts.addr)
}

// events is a client of /_isms/events.
type events struct {
	ch   chan event
	resp *http.Response
}

func (ts *testServer) events(t testing.TB) *events {
	t.Helper()
	resp, err := http.Get(ts.url + "_isms/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	e := &events{ch: make(chan event, 1000), resp: resp}
	go func() {
		defer close(e.ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					e.ch <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	if ev := e.next(t); ev.name != "hello" {
		t.Fatalf("first event %v, want hello", ev)
	}
	return e
}

func (e *events) next(t testing.TB) event {
	t.Helper()
	select {
	case ev, ok := <-e.ch:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return event{}
}

// untilBuilt collects the events of one good rebuild, up to its "built".
func (e *events) untilBuilt(t testing.TB) []event {
	t.Helper()
	var out []event
	for {
		ev := e.next(t)
		if ev.name == "built" {
			return out
		}
		out = append(out, ev)
	}
}

// until collects the events of good rebuilds until, after one of them,
// ready holds: the rebuild that a change made before the call sets off
// has then been seen, however the watcher split the change into batches.
// It returns the events up to that rebuild's "built", leaving out the
// "built" events themselves.
func (e *events) until(t testing.TB, ready func() bool) []event {
	t.Helper()
	var out []event
	for {
		ev := e.next(t)
		if ev.name != "built" {
			out = append(out, ev)
			continue
		}
		if ready() {
			return out
		}
	}
}

// shows reports whether the page at target has the text.
func (ts *testServer) shows(t testing.TB, target, text string) func() bool {
	return func() bool { return strings.Contains(ts.get(t, target).body, text) }
}

// status reports whether the page at target answers with the status.
func (ts *testServer) status(t testing.TB, target string, status int) func() bool {
	return func() bool { return ts.get(t, target).status == status }
}

// liveFinding is a Finding as the live client reads it.
type liveFinding struct {
	Path      string
	Line, Col int
	Severity  string
	Message   string
}

// errors waits for an "errors" event and decodes it.
func (e *events) errors(t testing.TB) []liveFinding {
	t.Helper()
	for {
		ev := e.next(t)
		if ev.name != "errors" {
			t.Logf("skipping event %v", ev)
			continue
		}
		var fs []liveFinding
		if err := json.Unmarshal([]byte(ev.data), &fs); err != nil {
			t.Fatalf("errors event %q: %v", ev.data, err)
		}
		return fs
	}
}

func named(evs []event, name string) []string {
	var out []string
	for _, ev := range evs {
		if ev.name == name {
			out = append(out, ev.data)
		}
	}
	return out
}

func TestServeRequests(t *testing.T) {
	ts := startServer(t, serveSite, Options{})
	home := ts.get(t, "/")
	css := ""
	if i := strings.Index(home.body, `href="assets/style.`); i >= 0 {
		css = home.body[i+len(`href="`):]
		css = "/" + css[:strings.IndexByte(css, '"')]
	} else {
		t.Fatalf("no stylesheet link on the home page:\n%s", home.body)
	}
	for _, tc := range []struct {
		method, target, host string
		status               int
		contentType          string // prefix
		body                 string // contained
	}{
		{"GET", "/", "", 200, "text/html; charset=utf-8", "<title>Testco ISMS</title>"},
		{"GET", "/index.html", "", 200, "text/html", "Testco"},
		{"GET", "/docs/POL-01/", "", 200, "text/html", "The policy text"},
		{"GET", "/docs/POL-01/index.html", "", 200, "text/html", "The policy text"},
		{"GET", "/docs/POL-01", "", 301, "", ""},
		{"GET", "/_isms/live.js", "", 200, "text/javascript", "EventSource"},
		{"GET", "/_isms/live.css", "", 200, "text/css", ".isms-live-overlay"},
		{"GET", "/_isms/errors", "", 200, "application/json", "[]"},
		{"GET", css, "", 200, "text/css; charset=utf-8", "color"},
		{"GET", "/files/policies/scan.pdf", "", 200, "application/pdf", "%PDF"},
		{"GET", "/files/policies/chart.png", "", 200, "image/png", "PNG"},
		{"GET", "/files/policies/diagram.svg", "", 200, "image/svg+xml", "<svg"},
		{"GET", "/files/policies/register.xlsx", "", 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
		{"GET", "/files/policies/list.csv", "", 200, "text/csv", "a,b"},
		{"HEAD", "/docs/POL-01/", "", 200, "text/html", ""},
		{"GET", "/docs/NOPE-1/", "", 404, "text/html", `href="/docs/index.html"`},
		{"GET", "/no/such/file.txt", "", 404, "text/html", "<html"},
		// Sources are not output.
		{"GET", "/isms.yaml", "", 404, "text/html", ""},
		{"GET", "/policies/pol-01.md", "", 404, "text/html", ""},
		// Paths that leave the site, however written.
		{"GET", "/../isms.yaml", "", 400, "", ""},
		{"GET", "/docs/../../isms.yaml", "", 400, "", ""},
		{"GET", "/%2e%2e/isms.yaml", "", 400, "", ""},
		{"GET", "/%2E%2E/%2E%2E/etc/passwd", "", 400, "", ""},
		{"GET", "/docs/..%2f..%2fisms.yaml", "", 400, "", ""},
		{"GET", "/..%5cisms.yaml", "", 400, "", ""},
		{"GET", "/docs%5c..%5cisms.yaml", "", 400, "", ""},
		{"GET", "/index.html%00.txt", "", 400, "", ""},
		{"GET", "/./index.html", "", 400, "", ""},
		// Only GET and HEAD.
		{"POST", "/", "", 405, "", ""},
		{"PUT", "/docs/POL-01/index.html", "", 405, "", ""},
		{"DELETE", "/index.html", "", 405, "", ""},
		{"OPTIONS", "/", "", 405, "", ""},
		// Names other than this machine's (DNS rebinding).
		{"GET", "/", "evil.example:8080", 403, "", ""},
		{"GET", "/", "localhost", 200, "text/html", ""},
		{"GET", "/", "[::1]:9", 200, "text/html", ""},
	} {
		t.Run(tc.method+" "+tc.target+" "+tc.host, func(t *testing.T) {
			host := cmpOr(tc.host, ts.addr)
			r := ts.raw(t, tc.method, tc.target, host)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d; body:\n%.500s", r.status, tc.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tc.contentType) {
				t.Errorf("Content-Type %q, want %q", ct, tc.contentType)
			}
			if !strings.Contains(r.body, tc.body) {
				t.Errorf("body does not contain %q:\n%.500s", tc.body, r.body)
			}
			if got := r.header.Get("Content-Security-Policy"); got != csp {
				t.Errorf("Content-Security-Policy %q, want %q", got, csp)
			}
			if r.status == 200 && r.header.Get("Cache-Control") != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", r.header.Get("Cache-Control"))
			}
			switch {
			case tc.method == "HEAD" && r.body != "":
				t.Errorf("HEAD has a body")
			case r.status == 405 && r.header.Get("Allow") != "GET, HEAD":
				t.Errorf("Allow %q", r.header.Get("Allow"))
			case r.status == 301 && r.header.Get("Location") != tc.target+"/":
				t.Errorf("Location %q, want %q", r.header.Get("Location"), tc.target+"/")
			}
		})
	}
	// The page loads the live client and nothing inline.
	page := ts.get(t, "/docs/POL-01/").body
	if !strings.Contains(page, `<script defer src="/_isms/live.js"></script>`) {
		t.Errorf("the page does not load the live client")
	}
	for _, inline := range []string{"<script>", "<style", " style=", "onclick=", "onload="} {
		if strings.Contains(page, inline) {
			t.Errorf("the page has inline %q, which the Content-Security-Policy blocks", inline)
		}
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":      "text/html; charset=utf-8",
		"a/style.X1.css":  "text/css; charset=utf-8",
		"_isms/live.js":   "text/javascript; charset=utf-8",
		"matrix.csv":      "text/csv; charset=utf-8",
		"soa.xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"files/a/b.PDF":   "application/pdf",
		"logo.png":        "image/png",
		"logo.svg":        "image/svg+xml",
		"photo.JPG":       "image/jpeg",
		"search/x.json":   "application/json",
		"fonts/a.woff2":   "font/woff2",
		"notes.txt":       "text/plain; charset=utf-8",
		"plan.docx":       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"no-extension":    "text/plain; charset=utf-8", // sniffed
		"archive.unknown": "text/plain; charset=utf-8", // sniffed
	} {
		if got := contentType(name, []byte("hello")); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSitePath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                "",
		"/docs/POL-01/":    "docs/POL-01/",
		"/a/b.css":         "a/b.css",
		"/../x":            "!",
		"/a/../b":          "!",
		"/a/..":            "!",
		"/./a":             "!",
		"/a\\b":            "!",
		"/a\x00b":          "!",
		"relative":         "!",
		"/..\\..\\windows": "!",
	} {
		got, ok := sitePath(in)
		if !ok {
			got = "!"
		}
		if got != want {
			t.Errorf("sitePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServeLive(t *testing.T) {
	ts := startServer(t, serveSite, Options{})
	ev := ts.events(t)
	polPage := "docs/POL-01/index.html"
	// The policy's page changes; the handbooks, which print its text, are
	// made in the preview only when asked for.
	polPages := []string{polPage}

	t.Run("edit reloads the page", func(t *testing.T) {
		ts.replace(t, "policies/pol-01.md", "version one", "version two")
		evs := ev.until(t, ts.shows(t, "/"+polPage, "version two"))
		if got := named(evs, "reload"); !slices.Equal(got, polPages) {
			t.Fatalf("reload events %v, want %v (all events %v)", got, polPages, evs)
		}
		if !strings.Contains(ts.log.String(), "rebuilt in ") {
			t.Errorf("no rebuild line in the log:\n%s", ts.log)
		}
	})
	t.Run("broken reference keeps the last good page and reports it", func(t *testing.T) {
		ts.replace(t, "policies/pol-01.md", "See [[PRO-01]]", "See [[NOPE-404]]")
		fs := ev.errors(t)
		want := liveFinding{"policies/pol-01.md", 15, 5, "error", `unknown document "NOPE-404"`}
		if len(fs) != 1 || fs[0].Path != want.Path || fs[0].Line != want.Line || fs[0].Col != want.Col || fs[0].Severity != "error" || !strings.HasPrefix(fs[0].Message, want.Message) {
			t.Fatalf("errors %v, want [%v]", fs, want)
		}
		if r := ts.get(t, "/_isms/errors"); !strings.Contains(r.body, `"line":15`) || !strings.Contains(r.body, "NOPE-404") {
			t.Errorf("/_isms/errors = %s", r.body)
		}
		if body := ts.get(t, "/"+polPage).body; !strings.Contains(body, "version two") {
			t.Errorf("the last good page is not served")
		}
		if !strings.Contains(ts.log.String(), "policies/pol-01.md:15:5: error: unknown document \"NOPE-404\"") {
			t.Errorf("the log does not show the finding:\n%s", ts.log)
		}
	})
	t.Run("fix clears the errors and reloads", func(t *testing.T) {
		ts.replace(t, "policies/pol-01.md", "See [[NOPE-404]]", "See [[PRO-01]] again")
		if fs := ev.errors(t); len(fs) != 0 {
			t.Fatalf("errors %v after the fix", fs)
		}
		evs := ev.until(t, ts.shows(t, "/"+polPage, "again"))
		if got := named(evs, "reload"); !slices.Equal(got, polPages) {
			t.Fatalf("reload events %v", evs)
		}
		if r := ts.get(t, "/_isms/errors"); r.body != "[]" {
			t.Errorf("/_isms/errors = %s", r.body)
		}
	})
	t.Run("truncate then write", func(t *testing.T) {
		// Whether the server sees the empty file depends on how the two
		// writes fall into batches; TestSettle has the waiting for the
		// write, with a controlled clock. Here: the save ends well.
		if err := os.Truncate(ts.path("policies/pol-01.md"), 0); err != nil {
			t.Fatal(err)
		}
		ts.write(t, "policies/pol-01.md", strings.Replace(serveSite["policies/pol-01.md"], "version one", "version three", 1))
		evs := ev.until(t, ts.shows(t, "/"+polPage, "version three"))
		if got := named(evs, "errors"); len(got) > 0 && got[len(got)-1] != "[]" {
			t.Fatalf("the error stuck: %v", got)
		}
		if got := named(evs, "reload"); !slices.Equal(got, polPages) {
			t.Fatalf("reload events %v", evs)
		}
		if r := ts.get(t, "/_isms/errors"); r.body != "[]" {
			t.Fatalf("/_isms/errors = %s", r.body)
		}
	})
	t.Run("atomic save by rename", func(t *testing.T) {
		tmp := ts.path("policies/.pol-01.md.tmp")
		data := strings.Replace(serveSite["policies/pol-01.md"], "version one", "version four", 1)
		if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, ts.path("policies/pol-01.md")); err != nil {
			t.Fatal(err)
		}
		evs := ev.until(t, ts.shows(t, "/"+polPage, "version four"))
		if got := named(evs, "reload"); !slices.Equal(got, polPages) {
			t.Fatalf("reload events %v", evs)
		}
	})
	t.Run("new ID sends readers to the new page", func(t *testing.T) {
		ts.replace(t, "guidelines/gui-01.md", "id: GUI-01", "id: GUI-02")
		evs := ev.until(t, ts.status(t, "/docs/GUI-02/", 200))
		if got := named(evs, "gone"); !slices.Equal(got, []string{`{"path":"docs/GUI-01/index.html","to":"docs/GUI-02/index.html"}`}) {
			t.Fatalf("gone events %v", evs)
		}
	})
	t.Run("removed document sends readers home", func(t *testing.T) {
		if err := os.Remove(ts.path("guidelines/gui-01.md")); err != nil {
			t.Fatal(err)
		}
		evs := ev.until(t, ts.status(t, "/docs/GUI-02/", 404))
		if got := named(evs, "gone"); !slices.Equal(got, []string{`{"path":"docs/GUI-02/index.html","to":"index.html"}`}) {
			t.Fatalf("gone events %v", evs)
		}
	})
	t.Run("new folder", func(t *testing.T) {
		ts.write(t, "records/2027/reg-01.md", "---\nid: REG-01\ntitle: A record\ntype: record\ndate: 2026-11-01\ncontrols: [\"5.1\"]\n---\nEvidence.\n")
		evs := ev.until(t, ts.shows(t, "/docs/REG-01/", "Evidence."))
		if got := named(evs, "reload"); !slices.Contains(got, "docs/REG-01/index.html") && !slices.Contains(got, "*") {
			t.Fatalf("reload events %v", evs)
		}
		ts.replace(t, "records/2027/reg-01.md", "Evidence.", "More evidence.")
		evs = ev.until(t, ts.shows(t, "/docs/REG-01/", "More evidence."))
		if got := named(evs, "reload"); !slices.Equal(got, []string{"docs/REG-01/index.html"}) {
			t.Fatalf("edit in the new folder: reload events %v", evs)
		}
	})
	t.Run("config change reloads all", func(t *testing.T) {
		ts.replace(t, "isms.yaml", "title: Testco ISMS", "title: Testco ISMS 2")
		evs := ev.until(t, ts.shows(t, "/", "Testco ISMS 2"))
		if got := named(evs, "reload"); !slices.Equal(got, []string{"*"}) {
			t.Fatalf("reload events %v", evs)
		}
	})
	t.Run("stylesheet change swaps it", func(t *testing.T) {
		// The home page's stylesheet, and its text.
		stylesheet := func() (link, text string) {
			home := ts.get(t, "/").body
			i := strings.Index(home, `href="assets/style.`)
			if i < 0 {
				t.Fatalf("no stylesheet link on the home page:\n%s", home)
			}
			link = home[i+len(`href="`):]
			link = link[:strings.IndexByte(link, '"')]
			return link, ts.get(t, "/"+link).body
		}
		defaultCSS, _ := stylesheet()
		ts.replace(t, "isms.yaml", "language: en", "language: en\ntheme: mytheme")
		ev.until(t, func() bool { link, _ := stylesheet(); return link != defaultCSS })
		ts.replace(t, "mytheme/assets/style.css", "black", "navy")
		evs := ev.until(t, func() bool { _, text := stylesheet(); return strings.Contains(text, "navy") })
		css := named(evs, "css")
		if len(css) != 1 || !strings.HasPrefix(css[0], "assets/style.") || len(named(evs, "reload")) > 0 {
			t.Fatalf("events %v, want one css event and no reload", evs)
		}
		if r := ts.get(t, "/"+css[0]); !strings.Contains(r.body, "navy") {
			t.Fatalf("%s: %s", css[0], r.body)
		}
	})
	t.Run("a folder of a hundred documents makes one rebuild", func(t *testing.T) {
		// Made elsewhere and moved in: one event. (That a burst of
		// separate writes makes one batch is TestBatchBurst's, with a
		// controlled clock.)
		staging := t.TempDir()
		files := map[string]string{}
		for i := range 100 {
			files[fmt.Sprintf("std-%03d.md", i)] = fmt.Sprintf("---\nid: STD-%03d\ntitle: Standard %d\ntype: standard\n---\nText.\n", i, i)
		}
		writeSite(t, staging, files)
		// Marks, saved by rename with one event each, start and end the
		// rebuilds that are the folder's.
		ts.rebuilds.upTo(t, ts.mark(t))
		if err := os.Rename(staging, ts.path("standards")); err != nil {
			t.Fatal(err)
		}
		evs := ev.until(t, ts.status(t, "/docs/STD-099/", 200))
		if got := named(evs, "reload"); !slices.Equal(got, []string{"*"}) {
			t.Fatalf("reload events %v", evs)
		}
		rebuilds := ts.rebuilds.upTo(t, ts.mark(t))
		if len(rebuilds) != 2 || !slices.Equal(rebuilds[0].Changes, []string{"standards"}) || rebuilds[0].Errors != nil {
			t.Fatalf("rebuilds %+v, want one good one for the folder, then the mark's", rebuilds)
		}
	})
}

func TestServeSiteFolderGone(t *testing.T) {
	ts := startServer(t, serveSite, Options{})
	ev := ts.events(t)
	away := ts.dir + ".away"
	if err := os.Rename(ts.dir, away); err != nil {
		t.Fatal(err)
	}
	fs := ev.errors(t)
	if len(fs) != 1 || fs[0].Path != "" || !strings.Contains(fs[0].Message, "site folder") {
		t.Fatalf("errors %v, want the site folder's problem", fs)
	}
	if r := ts.get(t, "/docs/POL-01/"); r.status != 200 || !strings.Contains(r.body, "version one") {
		t.Fatalf("the last good site is not served: %d", r.status)
	}
	if !strings.Contains(ts.log.String(), "still serving the last good site") {
		t.Errorf("log:\n%s", ts.log)
	}
	if err := os.Rename(away, ts.dir); err != nil {
		t.Fatal(err)
	}
	if fs := ev.errors(t); len(fs) != 0 {
		t.Fatalf("errors %v after the folder came back", fs)
	}
	ts.replace(t, "policies/pol-01.md", "version one", "version two")
	evs := ev.until(t, ts.shows(t, "/docs/POL-01/", "version two"))
	if got := named(evs, "reload"); !slices.Equal(got, []string{"docs/POL-01/index.html"}) {
		t.Fatalf("after the folder came back: reload events %v", evs)
	}
}

func TestServeFirstBuildFails(t *testing.T) {
	files := maps.Clone(serveSite)
	files["procedures/pro-01.md"] = strings.Replace(files["procedures/pro-01.md"], "[[POL-01]]", "[[POL-99]]", 1)
	ts := startServer(t, files, Options{})
	r := ts.get(t, "/")
	if r.status != 503 || !strings.Contains(r.body, "procedures/pro-01.md:7:9: unknown document") {
		t.Fatalf("status %d:\n%s", r.status, r.body)
	}
	ev := ts.events(t)
	ts.replace(t, "procedures/pro-01.md", "[[POL-99]]", "[[POL-01]]")
	if got := named(ev.until(t, ts.status(t, "/docs/PRO-01/", 200)), "reload"); !slices.Equal(got, []string{"*"}) {
		t.Fatalf("after the fix: reload events %v, want every page", got)
	}
}

func TestServeStops(t *testing.T) {
	ts := startServer(t, serveSite, Options{})
	ev := ts.events(t)
	// An open event stream does not hold the shutdown up: Serve would
	// return the shutdown's timeout.
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case _, ok := <-ev.ch:
		if ok {
			for range ev.ch {
			}
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the event stream is still open")
	}
	if !strings.Contains(ts.log.String(), "isms: stopped") {
		t.Errorf("log:\n%s", ts.log)
	}
	if _, err := net.DialTimeout("tcp", ts.addr, time.Second); err == nil {
		t.Errorf("still listening after the stop")
	}
}

func TestServeRefusesNonSite(t *testing.T) {
	err := Serve(context.Background(), Options{Dir: t.TempDir(), Addr: "127.0.0.1:0"})
	if err == nil || !strings.Contains(err.Error(), "not an isms site") {
		t.Fatalf("err = %v", err)
	}
}

// TestServeBuildProblems: what stops a build altogether (no isms.yaml, a
// broken theme) is reported in the pages and the log, and the last good
// site stays served until it is fixed.
func TestServeBuildProblems(t *testing.T) {
	ts := startServer(t, serveSite, Options{})
	ev := ts.events(t)
	config := ts.path("isms.yaml")
	if err := os.Rename(config, config+".away"); err != nil {
		t.Fatal(err)
	}
	fs := ev.errors(t)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "has no isms.yaml") {
		t.Fatalf("errors %v", fs)
	}
	if r := ts.get(t, "/docs/POL-01/"); r.status != 200 {
		t.Fatalf("the last good site is not served: %d", r.status)
	}
	if err := os.Rename(config+".away", config); err != nil {
		t.Fatal(err)
	}
	if fs := ev.errors(t); len(fs) != 0 {
		t.Fatalf("errors %v after isms.yaml came back", fs)
	}
	ev.untilBuilt(t)

	ts.write(t, "mytheme/templates/doc.html", "{{define \"content\"}}{{.Nope")
	ts.replace(t, "isms.yaml", "language: en", "language: en\ntheme: mytheme")
	fs = ev.errors(t)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "templates/doc.html") {
		t.Fatalf("errors %v, want the theme's", fs)
	}
	if !strings.Contains(ts.log.String(), "templates/doc.html") {
		t.Errorf("log:\n%s", ts.log)
	}
	if err := os.Remove(ts.path("mytheme/templates/doc.html")); err != nil {
		t.Fatal(err)
	}
	if fs := ev.errors(t); len(fs) != 0 {
		t.Fatalf("errors %v after the theme was fixed", fs)
	}
	if got := named(ev.untilBuilt(t), "reload"); !slices.Equal(got, []string{"*"}) {
		t.Fatalf("reload events %v after the theme change", got)
	}
}

// TestServeSlowClient: a page that does not read its events loses its
// stream rather than holding the server up or missing a reload silently.
func TestServeSlowClient(t *testing.T) {
	s := newServer(t.TempDir(), Options{})
	ch, _ := s.subscribe()
	for i := range 2000 {
		s.publish(event{"reload", strconv.Itoa(i)})
	}
	n := 0
	for range ch {
		n++
	}
	if n == 0 || n >= 2000 {
		t.Fatalf("the slow stream got %d events and was not ended", n)
	}
}

// TestSettle: a batch with an empty document waits, up to settleTime, for
// the write that follows an editor's truncate, and takes it in; other
// batches are built at once. The clock is synctest's.
func TestSettle(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{"policies/empty.md": "", "policies/full.md": "text", "notes/empty.txt": ""})
	s := newServer(dir, Options{})
	for _, tc := range []struct {
		name  string
		batch []string
		write time.Duration // when the next batch comes; 0: none does
		want  []string
		took  time.Duration
	}{
		{"document with text", []string{"policies/full.md"}, 0, []string{"policies/full.md"}, 0},
		{"empty file that is not a document", []string{"notes/empty.txt"}, 0, []string{"notes/empty.txt"}, 0},
		{"folder", []string{"policies"}, 0, []string{"policies"}, 0},
		{"empty document, then its write", []string{"policies/full.md", "policies/empty.md"}, settleTime - time.Millisecond,
			[]string{"policies/full.md", "policies/empty.md", "policies/empty.md"}, settleTime - time.Millisecond},
		{"empty document and no write", []string{"policies/empty.md"}, 0, []string{"policies/empty.md"}, settleTime},
		{"empty document, the write too late", []string{"policies/empty.md"}, settleTime + time.Millisecond, []string{"policies/empty.md"}, settleTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				batches := make(chan []string)
				done := make(chan []string)
				start := time.Now()
				var took time.Duration
				go func() {
					b := s.settle(ctx, slices.Clone(tc.batch), batches)
					took = time.Since(start)
					done <- b
				}()
				var got []string
				if tc.write > 0 {
					time.Sleep(tc.write)
					select {
					case batches <- []string{"policies/empty.md"}:
						got = <-done
					case got = <-done:
					}
				} else {
					got = <-done
				}
				if !slices.Equal(got, tc.want) || took != tc.took {
					t.Errorf("settle gave %v after %v, want %v after %v", got, took, tc.want, tc.took)
				}
			})
		})
	}
}

// TestServeStaleRebuild: a change that comes while a rebuild waits for
// quiet makes that rebuild stale. It is not served; the next one is, with
// both changes, and tells the pages of both, although the builder's last
// build already had the first.
func TestServeStaleRebuild(t *testing.T) {
	ts := startServer(t, serveSite, Options{quietTime: time.Second})
	ev := ts.events(t)
	ts.replace(t, "policies/pol-01.md", "version one", "version two")
	// The first change's rebuild starts once its batch is gathered, and
	// is done, or under way, when the second comes.
	time.Sleep(300 * time.Millisecond)
	ts.replace(t, "procedures/pro-01.md", "Back to", "Back again to")
	evs := ev.untilBuilt(t)
	got := named(evs, "reload")
	slices.Sort(got)
	if want := []string{"docs/POL-01/index.html", "docs/PRO-01/index.html"}; !slices.Equal(got, want) {
		t.Fatalf("the first served rebuild reloads %v, want %v (all events %v)", got, want, evs)
	}
	b := ts.rebuilds.next(t)
	if !slices.Contains(b.Changes, "policies/pol-01.md") || !slices.Contains(b.Changes, "procedures/pro-01.md") || b.Errors != nil {
		t.Fatalf("the first rebuild reported %+v, want both changes and no errors", b)
	}
	for _, page := range []struct{ path, text string }{{"/docs/POL-01/", "version two"}, {"/docs/PRO-01/", "Back again to"}} {
		if !ts.shows(t, page.path, page.text)() {
			t.Errorf("%s does not show %q", page.path, page.text)
		}
	}
}

// TestStale: a rebuild is stale when a change came after its batch was
// taken; otherwise it is served once no change has come for the quiet
// time. The clock is synctest's.
func TestStale(t *testing.T) {
	for _, tc := range []struct {
		name   string
		last   time.Duration // when the last change came, from the batch's taking
		change time.Duration // when a change comes while stale waits; 0: none
		want   bool
		took   time.Duration
	}{
		{"quiet long enough", -quietTime, 0, false, 0},
		{"quiet for a while", -10 * time.Millisecond, 0, false, quietTime - 10*time.Millisecond},
		{"a change after the taking", time.Millisecond, 0, true, 0},
		// Seen when the wait ends: a stale rebuild's changes wait for
		// quiet anyway before they are built again.
		{"a change while waiting", -10 * time.Millisecond, 5 * time.Millisecond, true, quietTime - 10*time.Millisecond},
		{"a change after the quiet", -10 * time.Millisecond, quietTime, false, quietTime - 10*time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := newServer(t.TempDir(), Options{})
				taken := time.Now()
				s.heard.Store(taken.Add(tc.last).UnixNano())
				type result struct {
					stale bool
					took  time.Duration
				}
				done := make(chan result, 1)
				go func() {
					stale := s.stale(context.Background(), taken.UnixNano())
					done <- result{stale, time.Since(taken)}
				}()
				if tc.change > 0 {
					time.Sleep(tc.change)
					s.heard.Store(time.Now().UnixNano())
				}
				if got := <-done; got.stale != tc.want || got.took != tc.took {
					t.Errorf("stale = %v after %v, want %v after %v", got.stale, got.took, tc.want, tc.took)
				}
			})
		})
	}
}

// TestQuiet: after a stale rebuild, the next batch takes in those that
// come until no change has come for the quiet time.
func TestQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newServer(t.TempDir(), Options{})
		start := time.Now()
		s.heard.Store(start.UnixNano())
		batches := make(chan []string)
		done := make(chan []string, 1)
		go func() { done <- s.quiet(context.Background(), []string{"a.md"}, batches, start.Add(time.Hour)) }()
		time.Sleep(20 * time.Millisecond)
		s.heard.Store(time.Now().UnixNano())
		batches <- []string{"b.md", "a.md"}
		got := <-done
		if took := time.Since(start); !slices.Equal(got, []string{"a.md", "b.md"}) || took != 20*time.Millisecond+quietTime {
			t.Errorf("quiet gave %v after %v, want [a.md b.md] after %v", got, took, 20*time.Millisecond+quietTime)
		}
	})
}

// TestQuietDeadline: changes that keep coming end the wait at the
// deadline.
func TestQuietDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newServer(t.TempDir(), Options{})
		start := time.Now()
		s.heard.Store(start.UnixNano())
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			for ctx.Err() == nil {
				time.Sleep(10 * time.Millisecond)
				s.heard.Store(time.Now().UnixNano())
			}
		}()
		got := s.quiet(ctx, []string{"a.md"}, make(chan []string), start.Add(maxWait))
		took := time.Since(start)
		cancel()
		<-stopped
		if !slices.Equal(got, []string{"a.md"}) || took != maxWait {
			t.Errorf("quiet gave %v after %v, want [a.md] after %v", got, took, maxWait)
		}
	})
}

// TestServeBusyFolder: while changes keep coming, faster than the quiet
// time, a rebuild is still served every maxWait or so.
func TestServeBusyFolder(t *testing.T) {
	ts := startServer(t, serveSite, Options{quietTime: time.Second})
	start := time.Now()
	const writing = 3 * time.Second
	stop := make(chan struct{})
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		for i := 0; time.Since(start) < writing; i++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			ts.write(t, "policies/pol-01.md", strings.Replace(serveSite["policies/pol-01.md"], "version one", fmt.Sprintf("version %d", i), 1))
		}
	}()
	defer func() { close(stop); <-wrote }()
	b := ts.rebuilds.next(t)
	if took := time.Since(start); took >= writing-500*time.Millisecond || b.Errors != nil {
		t.Fatalf("the first rebuild was served after %v (errors %v), want one well before the writes end after %v", took, b.Errors, writing)
	}
}
