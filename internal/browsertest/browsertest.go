// Package browsertest starts a headless Chromium for tests that drive the
// site in a real browser, with the flags this machine needs: no sandbox
// (tests run as root), and none of the start-up traffic to hosts a closed
// network refuses. Without a Chromium binary the test is skipped, saying so;
// CI installs Debian's chromium, so there the tests run.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is the Chromium binary: $CHROMIUM, or the first browser on PATH.
func Path() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start starts a browser for the test and returns its context; the test's
// cleanup stops it. Extra options are added to the defaults.
func Start(t testing.TB, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	bin := Path()
	if bin == "" {
		t.Skip("no chromium binary found (install Debian's chromium or set CHROMIUM): browser test skipped; CI runs it")
	}
	all := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}, opts...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), all...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return ctx
}

// Poll is an action that waits until the JavaScript expression is true,
// trying again across errors such as a page's own reload.
func Poll(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		var err error
		for ctx.Err() == nil {
			var ok bool
			if ok, err = chromedp.Evaluate[bool](expr)(ctx, t); err == nil && ok {
				return chromedp.Void{}, nil
			}
			time.Sleep(10 * time.Millisecond)
		}
		return chromedp.Void{}, fmt.Errorf("waiting for %s: %w (last error %v)", expr, ctx.Err(), err)
	}
}

// Script is an action that runs JavaScript for its effect.
func Script(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool](expr+"; true")(ctx, t)
		return chromedp.Void{}, err
	}
}
