package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// EvidenceRow is one check a monitor ran on one model and window: what it
// compared (window, baseline, method, threshold), what it found and the
// alert it raised.
type EvidenceRow struct {
	Model, Check, Name  string
	From, To, Evaluated time.Time
	Baseline            string // the reference the check compared with
	Method, Threshold   string
	Value               engine.Metric
	Unit                string
	Outcome             string // pass, fail, not measured
	Detail              string
	Alert               string // "P1 fairness: …" when a health rule fired on the window; "" otherwise
	MeasuredBy          string
}

// Evidence builds the evidence register frame.
func Evidence(rows []EvidenceRow, executed string) *data.Frame {
	n := len(rows)
	strs := func() []string { return make([]string, n) }
	model, check, name, baseline, method, threshold, unit, outcome, detail, alert, by := strs(), strs(), strs(), strs(), strs(), strs(), strs(), strs(), strs(), strs(), strs()
	from, to, evaluated := make([]time.Time, n), make([]time.Time, n), make([]time.Time, n)
	value := make([]*float64, n)
	for i, r := range rows {
		model[i], check[i], name[i], baseline[i], method[i], threshold[i] = r.Model, r.Check, r.Name, r.Baseline, r.Method, r.Threshold
		unit[i], outcome[i], detail[i], alert[i], by[i] = r.Unit, r.Outcome, r.Detail, r.Alert, r.MeasuredBy
		from[i], to[i], evaluated[i], value[i] = r.From, r.To, r.Evaluated, r.Value.Ptr()
	}
	return New("evidence", executed,
		data.NewField("time", nil, from),
		data.NewField("windowEnd", nil, to),
		ValueField("model", "Model", "", model),
		ValueField("check", "Check", "", check),
		ValueField("name", "What", "", name),
		ValueField("baseline", "Compared with", "", baseline),
		ValueField("method", "Method", "", method),
		ValueField("threshold", "Threshold", "", threshold),
		ValueField("value", "Value", "", value),
		ValueField("unit", "Unit", "", unit),
		ValueField("outcome", "Outcome", "", outcome),
		ValueField("alert", "Alert raised", "", alert),
		ValueField("detail", "Detail", "", detail),
		ValueField("measuredBy", "Measured by", "", by),
		data.NewField("evaluated", nil, evaluated),
	)
}
