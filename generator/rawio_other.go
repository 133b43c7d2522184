//go:build !unix

package generator

import "os"

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
