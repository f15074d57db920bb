package prompts

import "testing"

func TestStepForm(t *testing.T) {
	for step, want := range map[string]string{
		"When I sit down after lunch, I will write the first line.": FormIfThen,
		"If Dana is free at ten, I'll ask her what to cut":          FormIfThen,
		"if it rains i will walk in the hall":                       FormIfThen,
		"  When the kettle boils,\nI’ll stretch for a minute.":      FormIfThen,
		"As soon as I wake up I am going to drink water":            FormIfThen,
		"Whenever I open the laptop: I will check the list first":   FormIfThen,
		"Write the first line.":                                     FormPlain,
		"Call Sam":                                                  FormPlain,
		"When in doubt, ask":                                        FormPlain, // no "I will"
		"I will call Sam when I get home":                           FormPlain, // the act first
		"Ifan will help":                                            FormPlain,
		"":                                                          FormPlain,
		"When":                                                      FormPlain,
	} {
		if got := StepForm(step); got != want {
			t.Errorf("StepForm(%q) = %s, want %s", step, got, want)
		}
	}
}
