package cmd

import (
	"os"
	"testing"
)

func BenchmarkBig(b *testing.B) {
	t := &testing.T{}
	e := newEnv(t)
	e.db = os.Getenv("BIGDB")
	args := []string{"log", "--grep", "lighthouse"}
	if a := os.Getenv("BIGARGS"); a != "" {
		args = splitArgs(a)
	}
	null, _ := os.OpenFile("/dev/null", os.O_WRONLY, 0)
	for i := 0; i < b.N; i++ {
		e.runWith(func(a *App) { a.Streams.Out = null }, args...)
	}
}

func splitArgs(s string) []string {
	var out []string
	cur := ""
	for _, c := range s {
		if c == ' ' {
			out = append(out, cur)
			cur = ""
			continue
		}
		cur += string(c)
	}
	return append(out, cur)
}
