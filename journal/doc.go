// Package journal is reflect's domain: what a journal holds and what a
// person does with it, whatever keeps it and whatever asks the questions.
//
// What lives here: days, weeks and the dates a person types (day.go,
// week.go); entries, answers and drafts (entry.go, answers.go); the use
// cases, each over the Store it reads and writes through (store.go): the
// evening from reading the day to saving it (evening.go), answers given all
// at once (given.go), an edit, a delete and an import (changes.go), and a
// review (review.go); the questions of an evening (session.go, with the
// Asker and Prompter it asks through, and loop.go,
// the learning loop: the follow-up of the step planned last time and the
// lessons brought back, over the Summaries it reads); answers files and
// imports, in reflect's JSON form and jrnl's (answers.go, importing.go,
// jrnl.go); the filters of log (filter.go); the text of an edit
// (edittext.go); reviews of a week or any span of days and their Markdown
// (review.go, markdown.go); day summaries, stats and the lesson ledger
// (summary.go, stats.go, lessons.go); making a person's text safe to show
// (visible.go); and the few words every command puts together the same way,
// such as a day's name and a count of things (words.go).
//
// The use cases declare the small interfaces they need (Store, Reader,
// Writer, Summaries; Asker, Prompter) and the store and the terminal
// satisfy them from outside; what a person reads (notes, hints, exit
// statuses) is decided by the commands, from the errors and results the use
// cases return.
//
// Imports: journal imports prompts and the standard library, nothing else
// of the project. It must never import storage, cobra, survey, cmd or
// anything that touches a terminal.
package journal
