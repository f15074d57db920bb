// Command reflect is a command-line journal for a five-minute evening
// reflection. See the repository's README.md.
package main

import (
	"os"

	"github.com/reflect-cli/reflect/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:]))
}
