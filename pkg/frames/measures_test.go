package frames

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// numericLongProblems checks a frame against the data plane contract's
// numeric long kind, as Grafana Alerting reads it: the type and version in
// the meta, no time field, string label columns and one numeric value
// column, and every row identified by its labels.
func numericLongProblems(f *data.Frame) []string {
	var problems []string
	if f.Meta == nil || f.Meta.Type != data.FrameTypeNumericLong || f.Meta.TypeVersion != (data.FrameTypeVersion{0, 1}) {
		problems = append(problems, "meta must say numeric-long 0.1")
	}
	var labels []*data.Field
	numbers := 0
	for _, field := range f.Fields {
		switch {
		case field.Type().Time():
			problems = append(problems, "time field "+field.Name)
		case field.Type().Numeric():
			numbers++
		case field.Type() == data.FieldTypeString:
			labels = append(labels, field)
		default:
			problems = append(problems, "field "+field.Name+" is neither a label nor a number")
		}
	}
	if numbers != 1 {
		problems = append(problems, "want exactly one numeric value column")
	}
	seen := map[string]bool{}
	for row := 0; row < f.Rows(); row++ {
		var key []string
		for _, l := range labels {
			key = append(key, l.Name+"="+l.At(row).(string))
		}
		k := strings.Join(key, ",")
		if seen[k] {
			problems = append(problems, "duplicate labels "+k)
		}
		seen[k] = true
	}
	return problems
}

func TestMeasuresIsNumericLong(t *testing.T) {
	spec, _ := engine.SpecOf(engine.MeasureFairness)
	f := Measures(spec, []MeasureRow{
		{Model: "risk", Team: "Credit", Dimension: "gender", Value: engine.Metric{Value: 2, OK: true}},
		{Model: "risk", Team: "Credit", Dimension: "age_group", Value: engine.Metric{}},
		{Model: "fraud", Team: "Payments", Dimension: "age_group", Value: engine.Metric{Value: 0, OK: true}},
	}, "fairness")
	if p := numericLongProblems(f); len(p) > 0 {
		t.Fatal(p)
	}
	if names := []string{f.Fields[0].Name, f.Fields[1].Name, f.Fields[2].Name, f.Fields[3].Name}; strings.Join(names, ",") != "model,team,attribute,fairness" {
		t.Fatalf("fields %v", names)
	}
	if v := f.Fields[3].At(1).(*float64); v != nil {
		t.Errorf("an undefined reading is null (no data for that instance), got %v", *v)
	}
	spec, _ = engine.SpecOf(engine.MeasureLatency)
	if f := Measures(spec, []MeasureRow{{Model: "m", Team: "t"}}, "latency"); len(f.Fields) != 3 {
		t.Errorf("a measure without a dimension has model, team and value: %d fields", len(f.Fields))
	}
}

// The checker itself catches what Grafana Alerting refuses.
func TestNumericLongProblemsCatchDuplicates(t *testing.T) {
	spec, _ := engine.SpecOf(engine.MeasureLatency)
	f := Measures(spec, []MeasureRow{{Model: "m", Team: "t"}, {Model: "m", Team: "t"}}, "latency")
	if p := numericLongProblems(f); len(p) != 1 || !strings.Contains(p[0], "duplicate") {
		t.Fatalf("problems %v, want the duplicate labels", p)
	}
}
