package logstore

import (
	"slices"
	"testing"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

func rejectedFields(errs []error) []string {
	var out []string
	for _, err := range errs {
		if fe, ok := err.(catalog.FieldError); ok {
			out = append(out, fe.Field)
		}
	}
	slices.Sort(out)
	return out
}

// Every task in use needs the column its output is read from: the table's
// task (binary when not set) and each model entry's.
func TestCheckAsksForTheOutputColumnOfEveryTaskInUse(t *testing.T) {
	base := Mapping{Table: "predictions", TimeColumn: "ts", ModelColumn: "model_id"}
	cases := []struct {
		name string
		edit func(m *Mapping)
		want []string
	}{
		{"binary by default, no score", func(m *Mapping) {}, []string{"inference.scoreColumn"}},
		{"binary with its score", func(m *Mapping) { m.ScoreColumn = "score" }, nil},
		{"regression table with its prediction", func(m *Mapping) { m.Task, m.PredictionColumn = engine.TaskRegression, "yhat" }, nil},
		{"a regression entry in a binary table", func(m *Mapping) {
			m.ScoreColumn, m.Models = "score", []ModelMapping{{ID: "prices", Task: engine.TaskRegression}}
		}, []string{"inference.predictionColumn"}},
		{"a multiclass entry in a regression table", func(m *Mapping) {
			m.Task, m.PredictionColumn = engine.TaskRegression, "yhat"
			m.Models = []ModelMapping{{ID: "intent", Task: engine.TaskMulticlass, Classes: []string{"a", "b"}}}
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base
			c.edit(&m)
			if got := rejectedFields(m.Check("inference")); !slices.Equal(got, c.want) {
				t.Fatalf("rejected %v, want %v", got, c.want)
			}
		})
	}
}
