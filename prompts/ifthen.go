package prompts

import (
	"strings"
	"unicode"
)

// Forms of a planned step, as a day's summary keeps them.
const (
	// FormIfThen is a step planned as "When/If …, I will …": a situation
	// and what to do in it.
	FormIfThen = "if-then"
	// FormPlain is a step planned any other way.
	FormPlain = "plain"
)

// ifThenStarts are the words a step in the if-then form begins with.
var ifThenStarts = []string{"when", "whenever", "if", "once", "after", "before", "as soon as"}

// ifThenActs are the words that name what the step will do.
var ifThenActs = []string{"i will", "i'll", "i’ll", "i am going to", "i'm going to", "i’m going to"}

// StepForm says whether a planned step is in the if-then form ("When I sit
// down after lunch, I will write the first line") or plain ("Write the
// first line"). The form is a suggestion, never a rule: a plain step is
// as good a plan, and only counted apart in stats.
func StepForm(step string) string {
	// Words alone, lower case, between spaces: punctuation (but the
	// apostrophe of "I'll") is a space.
	text := strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) && r != '\'' && r != '’' {
			return ' '
		}
		return r
	}, strings.ToLower(step))
	text = " " + strings.Join(strings.Fields(text), " ") + " "
	starts := false
	for _, w := range ifThenStarts {
		if strings.HasPrefix(text, " "+w+" ") {
			starts = true
			break
		}
	}
	if !starts {
		return FormPlain
	}
	for _, act := range ifThenActs {
		if strings.Contains(text, " "+act+" ") {
			return FormIfThen
		}
	}
	return FormPlain
}
