package monitor

import (
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
)

// notes collects distinct explanations (an unconfigured role, an
// undeclared budget) to show once on a frame.
type notes struct {
	seen  map[string]bool
	order []string
}

func newNotes() *notes { return &notes{seen: map[string]bool{}} }

func (n *notes) add(texts ...string) {
	for _, t := range texts {
		if !n.seen[t] {
			n.seen[t] = true
			n.order = append(n.order, t)
		}
	}
}

// attach adds the notes to the frame as notices panels show.
func (n *notes) attach(f *data.Frame) {
	for _, t := range n.order {
		frames.Notice(f, t)
	}
}
