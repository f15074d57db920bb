package journal

// A kind return: after days away, the evening opens with a welcome back,
// never a word about a streak lost, and asks a shorter evening that night.

// ReturnGap is how many days without an entry make an evening a return.
const ReturnGap = 3

// WelcomeBack is the line a returning evening opens with.
const WelcomeBack = "Welcome back. A short one tonight: just a few questions."

// IsReturn reports whether an evening on day, after the last entry on
// last (the zero Day for none), comes after ReturnGap or more days away. A
// first evening is no return.
func IsReturn(last, day Day) bool {
	return last != (Day{}) && daysBetween(last, day)-1 >= ReturnGap
}
