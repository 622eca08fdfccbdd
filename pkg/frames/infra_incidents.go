package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// IncidentRow is one incident; Resolved is zero while it is open.
type IncidentRow struct {
	Model             string
	Started, Resolved time.Time
	DurationMinutes   float64 // up to now while open
	Severity, Summary string
}

// Incidents builds the incidents frame, with an empty resolved time for open incidents.
func Incidents(rows []IncidentRow, executed string) *data.Frame {
	n := len(rows)
	model, severity, summary := make([]string, n), make([]string, n), make([]string, n)
	started, resolved := make([]time.Time, n), make([]*time.Time, n)
	duration := make([]float64, n)
	for i, r := range rows {
		model[i], severity[i], summary[i] = r.Model, r.Severity, r.Summary
		started[i], duration[i] = r.Started, r.DurationMinutes
		if !r.Resolved.IsZero() {
			resolved[i] = &rows[i].Resolved
		}
	}
	return New("incidents", executed,
		ValueField("model", "Model", "", model),
		ValueField("started", "Started", "", started),
		ValueField("resolved", "Resolved", "", resolved),
		ValueField("durationMinutes", "Duration", "m", duration),
		ValueField("severity", "Severity", "", severity),
		ValueField("summary", "Summary", "", summary),
	)
}

// IncidentStatsRow is one model's incident statistics.
type IncidentStatsRow struct {
	Model string
	engine.IncidentStats
}

// IncidentStats builds the incidentStats frame with a threshold at the MTTR target.
func IncidentStats(rows []IncidentStatsRow, mttrTargetMinutes float64, executed string) *data.Frame {
	n := len(rows)
	model, count := make([]string, n), make([]int64, n)
	mttr, mtbf := make([]*float64, n), make([]*float64, n)
	for i, r := range rows {
		model[i], count[i], mttr[i], mtbf[i] = r.Model, int64(r.Count), r.MTTRMinutes.Ptr(), r.MTBFHours.Ptr()
	}
	mttrField := ValueField("mttrMinutes", "MTTR", "m", mttr)
	WithThreshold(mttrField, mttrTargetMinutes, true)
	return New("incidentStats", executed,
		ValueField("model", "Model", "", model),
		ValueField("incidents", "Incidents", "", count),
		mttrField,
		ValueField("mtbfHours", "MTBF", "h", mtbf),
	)
}
