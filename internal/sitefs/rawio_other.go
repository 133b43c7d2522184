//go:build !unix

package sitefs

import "os"

func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
