// Command hello is the floor that reflect's start-up is measured against:
// the smallest Go program that prints a line.
//
// Imports: the standard library's fmt alone, and nothing of the project:
// anything more would raise the floor.
package main

import "fmt"

func main() { fmt.Println("hello") }
