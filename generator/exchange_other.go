//go:build !linux

package generator

import "errors"

// exchangeDirs is not available here; the caller renames in two steps.
func exchangeDirs(a, b string) error { return errors.New("not supported") }
