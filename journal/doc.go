// Package journal is reflect's domain: what a journal holds and what a
// person does with it, whatever keeps it and whatever asks the questions.
//
// What lives here: days, weeks and the dates a person types (day.go,
// week.go); entries, answers and drafts (entry.go, answers.go); the evening
// (session.go, with the Asker and Prompter it asks through, and loop.go,
// the learning loop: the follow-up of the step planned last time and the
// lessons brought back, over the Summaries it reads); answers files and
// imports, in reflect's JSON form and jrnl's (answers.go, importing.go,
// jrnl.go); the filters of log (filter.go); the text of an edit
// (edittext.go); reviews of a week or any span of days and their Markdown
// (review.go, markdown.go); day summaries, stats and the lesson ledger
// (summary.go, stats.go, lessons.go); and making a person's text safe to
// show (visible.go).
//
// The use cases declare the small interfaces they need (Asker, Prompter,
// Summaries) and the store and the terminal satisfy them from outside.
//
// Imports: journal imports prompts and the standard library, nothing else
// of the project. It must never import storage, cobra, survey, cmd or
// anything that touches a terminal.
package journal
