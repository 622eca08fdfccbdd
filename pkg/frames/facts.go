package frames

import (
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// FactRow is one measured compliance fact of one model.
type FactRow struct {
	Model, Fact string
	Value       engine.Metric // undefined when nothing measures it
	Unit        string
	Target      float64
	Outcome     string // pass, fail, not measured
	MeasuredBy  string // the connection that measured it
	Detail      string // the counts behind the value, or why it is undefined
	Reading     string // the value in its unit, as people read it
}

// ComplianceFacts builds the table of measured compliance facts.
func ComplianceFacts(rows []FactRow, executed string) *data.Frame {
	n := len(rows)
	model, fact, unit, outcome, by, detail, reading := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	value, target := make([]*float64, n), make([]float64, n)
	for i, r := range rows {
		model[i], fact[i], unit[i], outcome[i], by[i], detail[i], reading[i] = r.Model, r.Fact, r.Unit, r.Outcome, r.MeasuredBy, r.Detail, r.Reading
		value[i], target[i] = r.Value.Ptr(), r.Target
	}
	return New("complianceFacts", executed,
		ValueField("model", "Model", "", model),
		ValueField("fact", "Fact", "", fact),
		ValueField("reading", "Reading", "", reading),
		ValueField("value", "Value", "", value),
		ValueField("unit", "Unit", "", unit),
		ValueField("target", "Target", "", target),
		ValueField("outcome", "Outcome", "", outcome),
		ValueField("measuredBy", "Measured by", "", by),
		ValueField("detail", "Detail", "", detail),
	)
}
