package cmd

import "github.com/spf13/cobra"

// newSupportTopic is 'reflect help support': where to look when evenings
// stay heavy. The end of an evening points at it after several heavy ones
// (journal.Support). It is a help topic, not a command.
func newSupportTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "support",
		Short: "Where to look when evenings stay heavy",
		Long: `Some evenings are heavy, and sometimes several in a row. Talking to
someone about it is a strength, and you do not need a reason that seems
big enough.

  - Someone you trust: a friend, a partner, someone in your family.
  - Your doctor: they can listen, and know what help there is near you,
    counselling among it.
  - A counsellor or therapist. Many workplaces and universities offer a
    few sessions free (an employee assistance programme, a student service).
  - A helpline, to talk to someone now: https://findahelpline.com lists
    free, confidential lines by country.

If you might hurt yourself, or are in danger now, call your local emergency
number.

reflect shows one quiet line about this at the end of an evening that is
heavy (a mood of 1, or a setback that weighs on you) when 3 of your last 5
evenings were. It keeps nothing about it beyond your answers, and sends
nothing anywhere.`,
	}
}
