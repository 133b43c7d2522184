// Package serve is the live preview (isms serve): the site is built into memory and served
// from there; a file watcher (watch.go) batches the author's saves into
// rebuilds, and each rebuild tells the open pages what changed through
// Server-Sent Events at /_isms/events, which the theme's live client
// (assets/live.ts, served as /_isms/live.js) turns into reloads, a swap of
// the stylesheet, or an overlay with the build's errors. A build with
// errors, or one that cannot run at all (the site folder is gone, a file
// cannot be read), leaves the last good site served.
//
// It builds through package generator's public API (Builder, Options,
// Result) and serves what the build's output.Output holds; it does not know
// how pages are made.
package serve

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/isms-project/isms/generator"
	"github.com/isms-project/isms/internal/finding"
	"github.com/isms-project/isms/internal/model"
	"github.com/isms-project/isms/internal/output"
	"github.com/isms-project/isms/internal/render"
	"github.com/isms-project/isms/internal/sitefs"
	"github.com/isms-project/isms/internal/urls"
)

// Options configure the live preview. The zero value serves the site
// in the current folder on 127.0.0.1:8080.
type Options struct {
	Dir    string    // the site folder; "" is the current folder
	Addr   string    // host:port to listen on; "" is 127.0.0.1:8080
	Drafts bool      // publish drafts too
	Today  time.Time // the date reviews are judged on; zero is the current date
	Log    io.Writer // the URL, a line per rebuild, findings; nil discards

	// Listener, when set, is used instead of listening on Addr.
	Listener net.Listener
	// Ready, when set, is called with the site's address once the first
	// build is done and requests are answered.
	Ready func(url string)
	// Rebuilt, when set, is called after each rebuild that changes set
	// off (the first build is followed by Ready instead), once the open
	// pages have been sent its events and the log its lines. It is called
	// from the rebuild loop: the next rebuild waits for it to return.
	Rebuilt func(Rebuild)

	// quietTime, when set, replaces the package's quietTime (tests).
	quietTime time.Duration
}

// Rebuild tells Options.Rebuilt what one rebuild did.
type Rebuild struct {
	// Changes are the site paths (slash-separated) the file watcher
	// reported, in the order it saw them, or nil when anything may have
	// changed. A commit, checkout, reset or merge is reported as ".git".
	Changes []string
	// Errors are what keeps the site from updating: the build's errors,
	// or the one problem that kept it from running. nil means the rebuilt
	// site is served.
	Errors finding.Findings
}

// DefaultAddr is where serve listens unless told otherwise: this machine
// only.
const DefaultAddr = "127.0.0.1:8080"

// csp is the Content-Security-Policy of every response: the theme has no
// inline script or style, and neither has the live client.
const csp = render.CSP + "; frame-ancestors 'none'"

// manyPages is how many changed pages are announced one by one; past it
// every page is told to reload.
const manyPages = 20

// Serve builds the site in opts.Dir, serves it, and rebuilds on every
// change until ctx ends. It returns an error when it cannot start (no
// site, the address is taken); problems after that are reported in the
// log and in the open pages, and the last good site stays served.
func Serve(ctx context.Context, opts Options) error {
	opts.Dir = cmpOr(opts.Dir, ".")
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, model.ConfigFile)); err != nil {
		return fmt.Errorf("%s is not an isms site: it has no %s", opts.Dir, model.ConfigFile)
	}
	s := newServer(dir, opts)
	ln := opts.Listener
	if ln == nil {
		addr := cmpOr(opts.Addr, DefaultAddr)
		if ln, err = net.Listen("tcp", addr); err != nil {
			return err
		}
	}
	defer ln.Close()
	s.loopbackOnly = isLoopback(ln.Addr())

	// Watch before the first build, so that no save is missed between them.
	changes := make(chan string)
	batches := make(chan []string)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := newWatcher(dir, changes, func(err error) { s.logf("isms: watching %s: %v\n", opts.Dir, err) })
	if err != nil {
		return fmt.Errorf("watching %s: %w", opts.Dir, err)
	}
	var wg sync.WaitGroup
	wg.Go(func() { w.run(ctx) })
	wg.Go(func() { batch(ctx, changes, batches, gatherTime, maxWait, &s.heard) })

	start := time.Now()
	s.rebuild(nil)
	if ctx.Err() != nil { // Ctrl-C during the first build
		cancel()
		wg.Wait()
		if s.root != nil {
			s.root.Close()
		}
		return nil
	}
	url := "http://" + ln.Addr().String() + "/"
	if s.out != nil {
		s.logf("isms: %s, %s, %s in %s\n", count(len(s.site.Documents), "document"), count(s.out.Pages(), "page"), count(len(s.warned), "warning"), since(start))
	}
	if !s.loopbackOnly {
		s.logf("isms: warning: %s is reachable from other machines, and the preview has no access control: anyone who can reach it can read every document, those a build withholds too\n", ln.Addr())
	}
	s.logf("isms: serving %s at %s (Ctrl-C stops)\n", opts.Dir, url)

	wg.Go(func() { s.loop(ctx, batches) })
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.closeStreams)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if opts.Ready != nil {
		opts.Ready(url)
	}
	select {
	case err = <-served:
	case <-ctx.Done():
		shutdown, done := context.WithTimeout(context.Background(), 3*time.Second)
		err = srv.Shutdown(shutdown)
		done()
		<-served
	}
	cancel()
	wg.Wait()
	if s.root != nil {
		s.root.Close()
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	s.logf("isms: stopped\n")
	return err
}

// server is the state of the live preview.
type server struct {
	dir     string // absolute site folder
	opts    Options
	builder generator.Builder
	seed    maphash.Seed
	started string // identifies this run of the server to the live client

	// Owned by the rebuild loop.
	heard     atomic.Int64  // when the watcher's last change came (Unix nanoseconds)
	quietTime time.Duration // see the constant
	listings  *listingCache // the site folder as the builder reads it
	root      *os.Root
	rootInfo  os.FileInfo
	full      bool                     // the next build reads every document
	problem   string                   // the last problem reported in the log
	pages     map[string]string        // source path → page, of the last good build
	builds    int                      // builds that ran (with or without errors)
	warned    map[finding.Finding]bool // the warnings of the last build

	loopbackOnly bool

	mu       sync.RWMutex
	out      *output.Output // the last good build; nil until there is one
	site     *model.Site
	version  int    // counts good builds
	findings []byte // JSON of the errors that keep the site from updating

	streamMu sync.Mutex
	streams  map[chan event]bool
	closed   bool
}

// event is a Server-Sent Event.
type event struct{ name, data string }

func newServer(dir string, opts Options) *server {
	return &server{
		dir:       dir,
		opts:      opts,
		seed:      maphash.MakeSeed(),
		started:   strconv.FormatInt(time.Now().UnixNano(), 36),
		findings:  []byte("[]"),
		streams:   map[chan event]bool{},
		full:      true,
		quietTime: cmp.Or(opts.quietTime, quietTime),
	}
}

func (s *server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, format, args...)
	}
}

// loop rebuilds after each batch of changes. A rebuild starts as soon as
// its batch is gathered; its result is served once no change has come for
// quietTime. A change that comes during the rebuild makes it stale: it is
// not served, and its changes join the next batch, which waits for the
// full quiet time before it is built (a burst, such as a checkout, is then
// built once it is over, not once per gathered batch). While changes keep
// coming, a rebuild is served maxWait after the first stale one at the
// latest.
func (s *server) loop(ctx context.Context, batches <-chan []string) {
	var carried []string // the changes of stale rebuilds
	var staleSince time.Time
	ahead := false // the builder has a good build that was not served
	for {
		var b []string
		select {
		case <-ctx.Done():
			return
		case b = <-batches:
		}
		if carried != nil {
			b = s.quiet(ctx, b, batches, staleSince.Add(maxWait))
		}
		b = s.settle(ctx, b, batches)
		taken := time.Now().UnixNano()
		b = joinChanges(carried, b)
		start := time.Now()
		res, err := s.build(b)
		took := time.Since(start)
		good := res != nil && res.Output != nil
		if (carried == nil || time.Since(staleSince) < maxWait) && s.stale(ctx, taken) {
			if carried == nil {
				staleSince = time.Now()
			}
			carried, ahead = b, ahead || good
			continue
		}
		if ahead && good {
			// The builder's last good build was not served; the pages to
			// tell are those that differ from the site served.
			s.mu.RLock()
			res.Changed, res.Removed = res.Output.Diff(s.out)
			s.mu.RUnlock()
			ahead = false
		}
		carried = nil
		errs := s.show(b, res, err, took)
		if s.opts.Rebuilt != nil {
			if slices.Contains(b, allChanged) {
				b = nil
			}
			s.opts.Rebuilt(Rebuild{Changes: b, Errors: errs})
		}
	}
}

// joinChanges adds the changes of b that carried does not have to it.
func joinChanges(carried, b []string) []string {
	if carried == nil {
		return b
	}
	for _, p := range b {
		if !slices.Contains(carried, p) {
			carried = append(carried, p)
		}
	}
	return carried
}

// stale reports whether a change came after taken (Unix nanoseconds),
// waiting, when none has, until none has come for quietTime.
func (s *server) stale(ctx context.Context, taken int64) bool {
	for {
		last := s.heard.Load()
		if last > taken {
			return true
		}
		wait := time.Until(time.Unix(0, last).Add(s.quietTime))
		if wait <= 0 {
			return false
		}
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return false
		}
	}
}

// quiet adds the batches that come to b until no change has come for
// quietTime, or until the deadline.
func (s *server) quiet(ctx context.Context, b []string, batches <-chan []string, deadline time.Time) []string {
	for {
		wait := min(time.Until(time.Unix(0, s.heard.Load()).Add(s.quietTime)), time.Until(deadline))
		if wait <= 0 {
			return b
		}
		timer := time.NewTimer(wait)
		select {
		case more := <-batches:
			b = joinChanges(b, more)
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return b
		}
		timer.Stop()
	}
}

// settle waits a little for more changes when a document in the batch is
// empty: it may be between an editor's truncate and its write.
func (s *server) settle(ctx context.Context, b []string, batches <-chan []string) []string {
	empty := func() bool {
		for _, p := range b {
			if !strings.EqualFold(path.Ext(p), ".md") {
				continue
			}
			if info, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(p))); err == nil && info.Size() == 0 {
				return true
			}
		}
		return false
	}
	if !empty() {
		return b
	}
	timer := time.NewTimer(settleTime)
	defer timer.Stop()
	select {
	case more := <-batches:
		return append(b, more...)
	case <-timer.C:
	case <-ctx.Done():
	}
	return b
}

// rebuild builds the site after the changes in batch (nil: anything may
// have changed), serves the result if it is good, and tells the pages. It
// returns what keeps the site from updating, nil when the result is served.
func (s *server) rebuild(batch []string) finding.Findings {
	start := time.Now()
	res, err := s.build(batch)
	return s.show(batch, res, err, time.Since(start))
}

// build builds the site after the changes in batch (nil or with
// allChanged: anything may have changed).
func (s *server) build(batch []string) (*generator.Result, error) {
	if slices.Contains(batch, allChanged) {
		batch = nil
	}
	if err := s.checkRoot(); err != nil {
		return nil, err
	}
	opts := generator.Options{LiveReload: true, Drafts: s.opts.Drafts, Today: s.opts.Today, Dir: s.dir}
	if !s.full && batch != nil {
		opts.Changed = batch
	}
	if opts.Changed == nil {
		s.listings = newListingCache(s.root.FS())
	} else {
		s.listings.forget(batch)
	}
	res, err := s.builder.Build(s.listings, opts)
	if err != nil {
		if errors.Is(err, generator.ErrNotSite) {
			err = fmt.Errorf("%s has no %s (was it moved or deleted?)", s.opts.Dir, model.ConfigFile)
		}
		s.full = true // the builder may not have seen the changes
		return nil, err
	}
	s.full = false
	return res, nil
}

// show serves the result of a build after the changes in batch, if it is
// good, and tells the pages; err is what kept the build from running, took
// how long the build took. It
// returns what keeps the site from updating, nil when the result is served.
func (s *server) show(batch []string, res *generator.Result, err error, took time.Duration) finding.Findings {
	if err != nil {
		return s.fail(err)
	}
	if slices.Contains(batch, allChanged) {
		batch = nil
	}
	initial := s.builds == 0
	s.builds++
	var errs finding.Findings
	for _, f := range res.Findings {
		if f.Severity == finding.Error {
			errs = append(errs, f)
		}
	}
	if len(errs) > 0 {
		s.newWarnings(res.Findings, initial)
		for _, f := range errs {
			s.logf("%s\n", f)
		}
		s.logf("isms: %s; still serving the last good site\n", count(len(errs), "error"))
		s.problem = ""
		s.setFindings(errs)
		return errs
	}
	s.newWarnings(res.Findings, initial)
	s.setFindings(nil)
	pages := make(map[string]string, len(res.Site.Documents))
	for _, d := range res.Site.Documents {
		pages[d.Path] = urls.Doc(d.ID)
	}
	s.mu.Lock()
	first := s.out == nil
	s.out, s.site = res.Output, res.Site
	s.version++
	s.mu.Unlock()
	defer s.publish(event{"built", s.runVersion()})
	prevPages := s.pages
	s.pages = pages
	s.problem = ""
	if first {
		if !initial {
			s.publish(event{"reload", "*"})
			s.logf("isms: rebuilt in %s: the site builds\n", duration(took))
		}
		return nil
	}
	changed := s.announce(res, batch, prevPages, pages)
	s.logf("isms: rebuilt in %s: %s\n", duration(took), changed)
	return nil
}

// newWarnings prints the warnings that the last build did not have: what
// the author's save caused. The first build's are only counted.
func (s *server) newWarnings(findings finding.Findings, initial bool) {
	const most = 10
	if initial {
		var warnings finding.Findings
		for _, f := range findings {
			if f.Severity == finding.Warning {
				warnings = append(warnings, f)
			}
		}
		s.logf("%s", warnings.Readable(false, "isms check --all lists them; the matrix page shows the gaps"))
	}
	warned := make(map[finding.Finding]bool, len(s.warned))
	n := 0
	for _, f := range findings {
		if f.Severity != finding.Warning {
			continue
		}
		warned[f] = true
		if !initial && !s.warned[f] {
			if n++; n <= most {
				s.logf("%s\n", f)
			}
		}
	}
	if n > most {
		s.logf("isms: %d more new warnings (isms check lists them all)\n", n-most)
	}
	s.warned = warned
}

// listingCache is the site folder with its folder listings kept from one
// rebuild to the next until the watcher reports a change in them: listing
// the folders of a large site costs a stat of every file in it.
type listingCache struct {
	fsys fs.FS
	mu   sync.Mutex
	dirs map[string][]fs.DirEntry
}

func newListingCache(fsys fs.FS) *listingCache {
	return &listingCache{fsys: fsys, dirs: map[string][]fs.DirEntry{}}
}

func (c *listingCache) Open(name string) (fs.File, error)     { return c.fsys.Open(name) }
func (c *listingCache) ReadFile(name string) ([]byte, error)  { return fs.ReadFile(c.fsys, name) }
func (c *listingCache) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }
func (c *listingCache) Lstat(name string) (fs.FileInfo, error) {
	return fs.Lstat(c.fsys, name)
}
func (c *listingCache) ReadLink(name string) (string, error) { return fs.ReadLink(c.fsys, name) }

func (c *listingCache) ReadDir(name string) ([]fs.DirEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if entries, ok := c.dirs[name]; ok {
		return slices.Clone(entries), nil
	}
	entries, err := fs.ReadDir(c.fsys, name)
	if err == nil {
		c.dirs[name] = slices.Clone(entries)
	}
	return entries, err
}

// forget drops the listings that changes at these site paths touch: the
// folder each is in, and each itself with everything below it (a folder
// made, removed or renamed).
func (c *listingCache) forget(changed []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range changed {
		p = path.Clean(p)
		if p == "." {
			clear(c.dirs)
			return
		}
		delete(c.dirs, path.Dir(p))
		delete(c.dirs, p)
		for d := range c.dirs {
			if strings.HasPrefix(d, p+"/") {
				delete(c.dirs, d)
			}
		}
	}
}

// checkRoot opens the site folder, again if it was replaced (deleted and
// made anew, or a checkout that swapped it).
func (s *server) checkRoot() error {
	info, err := os.Stat(s.dir)
	if err != nil {
		return fmt.Errorf("site folder %s: %w", s.opts.Dir, sitefs.UnwrapPathError(err))
	}
	if s.root != nil && os.SameFile(info, s.rootInfo) {
		return nil
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return fmt.Errorf("site folder %s: %w", s.opts.Dir, sitefs.UnwrapPathError(err))
	}
	// The previous root stays open: the last good output may still read
	// attachments through it.
	s.root, s.rootInfo, s.full = root, info, true
	return nil
}

// fail reports a problem that stops builds altogether, and returns it as
// the finding the pages show.
func (s *server) fail(err error) finding.Findings {
	msg := err.Error()
	if msg != s.problem {
		s.logf("isms: %s; still serving the last good site\n", msg)
		s.problem = msg
	}
	fs := finding.Findings{{Severity: finding.Error, Message: msg}}
	s.setFindings(fs)
	return fs
}

// setFindings sets the errors shown in the pages and tells them; it
// reports whether there were any before.
func (s *server) setFindings(fs finding.Findings) (had bool) {
	data := compactJSON(fs.JSON())
	s.mu.Lock()
	had = string(s.findings) != "[]"
	same := bytes.Equal(s.findings, data)
	s.findings = data
	s.mu.Unlock()
	if !same {
		s.publish(event{"errors", string(compactJSON(data))})
	}
	return had
}

func compactJSON(data []byte) []byte {
	var b bytes.Buffer
	if json.Compact(&b, data) != nil {
		return data
	}
	return b.Bytes()
}

// announce tells the open pages what a good rebuild changed, and says it
// in words for the log.
func (s *server) announce(res *generator.Result, batch []string, prevPages, pages map[string]string) string {
	var changedPages, removedPages, styles []string
	for _, p := range res.Changed {
		switch {
		case strings.HasPrefix(p, "_isms/"):
		case strings.HasSuffix(p, ".html"):
			changedPages = append(changedPages, p)
		case strings.HasSuffix(p, ".css"):
			styles = append(styles, p)
		}
	}
	for _, p := range res.Removed {
		if strings.HasSuffix(p, ".html") {
			removedPages = append(removedPages, p)
		}
	}
	summary := countPages(len(changedPages), len(removedPages))

	// A change of stylesheets only: swap them in the open pages.
	cssOnly := len(batch) > 0
	for _, p := range batch {
		cssOnly = cssOnly && strings.EqualFold(path.Ext(p), ".css")
	}
	if cssOnly {
		for _, p := range batch {
			if rest, ok := strings.CutPrefix(p, "static/"); ok {
				styles = append(styles, rest)
			}
		}
		for _, p := range styles {
			s.publish(event{"css", p})
		}
		if len(styles) > 0 {
			return "stylesheet " + strings.Join(styles, ", ") + " swapped"
		}
	}

	// Pages that are gone: their readers go to the document's new page
	// (its ID changed) or home.
	moved := map[string]string{}
	for src, old := range prevPages {
		if now, ok := pages[src]; ok && now != old {
			moved[old] = now
		}
	}
	for _, p := range removedPages {
		to := cmpOr(moved[p], "index.html")
		data, _ := json.Marshal(map[string]string{"path": p, "to": to})
		s.publish(event{"gone", string(data)})
	}
	staticChanged := false
	for _, p := range batch {
		staticChanged = staticChanged || strings.HasPrefix(p, "static/")
	}
	switch {
	case len(changedPages) > manyPages || staticChanged:
		s.publish(event{"reload", "*"})
	default:
		for _, p := range changedPages {
			s.publish(event{"reload", p})
		}
	}
	return summary
}

func countPages(changed, removed int) string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	if removed == 0 {
		return plural(changed, "page changed", "pages changed")
	}
	return plural(changed, "page changed", "pages changed") + ", " + plural(removed, "removed", "removed")
}

func since(t time.Time) string { return duration(time.Since(t)) }

func duration(d time.Duration) string {
	if d < 10*time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Server-Sent Events.

// runVersion names this run of the server and its last good build.
func (s *server) runVersion() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.started + "." + strconv.Itoa(s.version)
}

func (s *server) subscribe() (chan event, bool) {
	s.streamMu.Lock()
	defer s.streamMu.Unlock()
	if s.closed {
		return nil, false
	}
	ch := make(chan event, 1024)
	s.streams[ch] = true
	return ch, true
}

func (s *server) unsubscribe(ch chan event) {
	s.streamMu.Lock()
	defer s.streamMu.Unlock()
	if s.streams[ch] {
		delete(s.streams, ch)
		close(ch)
	}
}

// publish sends events to every open page. The stream of a page that
// does not keep up is ended: its client connects again and, told of a
// newer build in the hello, reloads.
func (s *server) publish(evs ...event) {
	s.streamMu.Lock()
	defer s.streamMu.Unlock()
	for ch := range s.streams {
		for _, ev := range evs {
			select {
			case ch <- ev:
				continue
			default:
			}
			delete(s.streams, ch)
			close(ch)
			break
		}
	}
}

// closeStreams ends every event stream, so that the server can shut down.
func (s *server) closeStreams() {
	s.streamMu.Lock()
	defer s.streamMu.Unlock()
	s.closed = true
	for ch := range s.streams {
		delete(s.streams, ch)
		close(ch)
	}
}

func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	ch, ok := s.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %s\n\n", s.runVersion())
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-ping.C:
			io.WriteString(w, ": ping\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// HTTP.

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	h.Set("Referrer-Policy", "no-referrer")
	if s.loopbackOnly && !loopbackHost(r.Host) {
		// A page elsewhere that made its own name point at 127.0.0.1 (DNS
		// rebinding) must not read the ISMS.
		http.Error(w, "isms serve answers only to localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	p, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch p {
	case "_isms/events":
		s.serveEvents(w, r)
		return
	case "_isms/errors":
		s.mu.RLock()
		data := s.findings
		s.mu.RUnlock()
		s.serveBytes(w, r, "errors.json", data, http.StatusOK)
		return
	}
	s.mu.RLock()
	out, findings := s.out, s.findings
	s.mu.RUnlock()
	if out == nil {
		s.serveNoSite(w, r, findings)
		return
	}
	name := p
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, err := out.Read(name)
	switch {
	case err == nil:
		s.serveBytes(w, r, name, data, http.StatusOK)
	case !errors.Is(err, fs.ErrNotExist):
		http.Error(w, "reading "+name+": "+sitefs.UnwrapPathError(err).Error(), http.StatusInternalServerError)
	case !strings.HasSuffix(p, "/") && p != "" && out.Generated(p+"/index.html"):
		// A folder named without its slash: the page's relative links
		// need the slash.
		target := "/" + urls.Escape(p) + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	default:
		page, err := out.Read("404.html")
		if err != nil {
			http.Error(w, "404 page not found", http.StatusNotFound)
			return
		}
		s.serveBytes(w, r, "404.html", rootLinks(page), http.StatusNotFound)
	}
}

// sitePath turns a request's (decoded) path into a site path, refusing
// any that could leave the site: "..", backslashes, NUL.
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = p[1:]
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	return p, true
}

func (s *server) serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, data))
	if status != http.StatusOK {
		h.Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	h.Set("ETag", `"`+strconv.FormatUint(maphash.Bytes(s.seed, data), 36)+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// contentTypes are the types of the files a site has; others come from
// the system's table, or from sniffing.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".csv":   "text/csv; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".xml":   "application/xml",
	".pdf":   "application/pdf",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".svg":   "image/svg+xml",
	".ico":   "image/vnd.microsoft.icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".docx":  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".pptx":  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":   "application/vnd.oasis.opendocument.text",
	".ods":   "application/vnd.oasis.opendocument.spreadsheet",
	".zip":   "application/zip",
	".wasm":  "application/wasm",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// rootLinks makes the relative links of 404.html, which is written for the
// site root, start at the root: it is served at any path.
var relativeLink = regexp.MustCompile(`\b(href|src|action|data-root)="([^"]*)"`)

func rootLinks(page []byte) []byte {
	return relativeLink.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := relativeLink.FindSubmatch(m)
		v := string(sub[2])
		if v == "" || strings.HasPrefix(v, "/") || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "?") ||
			strings.Contains(strings.SplitN(v, "/", 2)[0], ":") {
			return m
		}
		if v == "." {
			v = ""
		}
		return []byte(string(sub[1]) + `="/` + strings.TrimPrefix(v, "./") + `"`)
	})
}

// serveNoSite answers while there is no good build yet: a page with the
// errors, which looks again every second.
func (s *server) serveNoSite(w http.ResponseWriter, r *http.Request, findings []byte) {
	var list finding.Findings
	_ = json.Unmarshal(findings, &list)
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1"><title>isms: the site does not build</title></head><body><h1>The site does not build yet</h1><ul>`)
	for _, f := range list {
		b.WriteString("<li><code>")
		if f.Path != "" {
			template.HTMLEscape(&b, []byte(f.Pos.String()+": "))
		}
		template.HTMLEscape(&b, []byte(f.Message))
		b.WriteString("</code></li>")
	}
	b.WriteString(`</ul><p>This page looks again every second.</p></body></html>`)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// isLoopback reports whether a listener accepts only this machine.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// count writes a number with its noun, in the plural unless it is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
