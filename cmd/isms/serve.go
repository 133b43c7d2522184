package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/isms-project/isms/internal/serve"
)

// cmdServe runs the live preview until Ctrl-C (SIGINT) or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stderr)
	src := fs.String("src", ".", "the site folder (with isms.yaml)")
	addr := fs.String("addr", serve.DefaultAddr, "the address to listen on; only this machine unless you name another interface")
	drafts := fs.Bool("drafts", false, "publish drafts too")
	todayFlag := fs.String("today", "", "judge reviews and evidence as of this date (YYYY-MM-DD)")
	if rest, err := parse(fs, args); err != nil {
		return exitUsage
	} else if len(rest) > 0 {
		return usageError(stderr, "serve takes no arguments (got %q); use --src DIR", strings.Join(rest, " "))
	}
	var opts serve.Options
	if *todayFlag != "" || os.Getenv("SOURCE_DATE_EPOCH") != "" {
		day, err := today(*todayFlag)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		opts.Today = day // else each build takes the current date
	}
	if _, err := siteFS(*src); err != nil {
		return usageError(stderr, "%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts.Dir, opts.Addr, opts.Drafts, opts.Log = *src, *addr, *drafts, stdout
	if err := serve.Serve(ctx, opts); err != nil {
		return usageError(stderr, "%v", err)
	}
	return exitOK
}
