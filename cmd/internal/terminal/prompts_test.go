package terminal

import (
	"testing"

	"github.com/reflect-cli/reflect/prompts"
)

// TestWhenLabel: each way a step can be asked on some paths only reads as
// a plain condition, in the words of the setback check and the follow-up.
func TestWhenLabel(t *testing.T) {
	join := func(ws ...prompts.When) prompts.When {
		w := ws[0]
		for _, more := range ws[1:] {
			w += "+" + more
		}
		return w
	}
	for _, tt := range []struct {
		when   prompts.When
		unless []prompts.When
		want   string
	}{
		{prompts.Always, nil, ""},
		{prompts.IfSetback, nil, "if yes"},
		{join(prompts.IfSetback, prompts.Light), nil, "if yes and not heavy"},
		{prompts.IfSetback, []prompts.When{prompts.Heavy}, "if yes and not heavy"},
		{prompts.Always, []prompts.When{join(prompts.IfSetback, prompts.Light)}, "if no or heavy"},
		{prompts.Always, []prompts.When{join(prompts.IfSetback, prompts.NotDone), join(prompts.Heavy, prompts.NotDone)}, "unless not done and (yes or heavy)"},
		{prompts.NoSetback, []prompts.When{join(prompts.Heavy, prompts.NotDone)}, "if no, unless heavy and not done"},
	} {
		if got := whenLabel(prompts.Step{When: tt.when, Unless: tt.unless}); got != tt.want {
			t.Errorf("when %q unless %q: %q, want %q", tt.when, tt.unless, got, tt.want)
		}
	}
}
