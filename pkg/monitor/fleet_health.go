package monitor

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// fleetHealthFrames answers `fleetHealth`: each model's status, severity,
// recommended action and the rule behind them, from the alert-severity
// rules applied as the provisioned alert rules apply them at the end of the
// range (each measure over its own lookback), and its SLA attainment and
// health score over the range; the same measurements, per window, make
// `healthTrend`.
func fleetHealthFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	var byModel map[string][]sources.Incident
	if r.Conns.Incidents != nil {
		if byModel, err = r.incidentsOf(ctx, models); err != nil {
			return nil, err
		}
	}
	w := hoursOf(r.Range)
	rows := make([]frames.FleetHealthRow, len(models))
	modelNotes := make([][]string, len(models))
	err = eachModel(ctx, len(models), func(ctx context.Context, i int) error {
		m := models[i]
		h, err := r.measureOverall(ctx, m, w, needScore)
		if err != nil {
			return err
		}
		readings, measureNotes, err := r.statusReadings(ctx, m)
		if err != nil {
			return err
		}
		modelNotes[i] = append(append(modelNotes[i], h.notes...), measureNotes...)
		a := engine.Assess(h.total, readings)
		rows[i] = frames.FleetHealthRow{
			Model: m.ID, Name: m.Name, Status: string(a.Status), Severity: string(a.Severity),
			HealthScore: a.Score, SLAAttainment: h.sla.met, LastIssue: lastIssue(a, byModel[m.ID]), Action: a.Action, Dimensions: a.Dimensions,
			RuleLink: ruleLink(a, m.ID),
		}
		if len(a.Issues) > 0 {
			rows[i].Rule = a.Issues[0].Rule
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	notes := newNotes()
	for _, n := range modelNotes {
		notes.add(n...)
	}
	f := frames.FleetHealth(rows, "health of "+r.scope()+" over "+r.Range.String())
	notes.attach(f)
	return data.Frames{f}, nil
}

// lastIssue is the summary of the incident still open, else of the latest
// one with when it was resolved, else the most severe rule that fired.
func lastIssue(a engine.HealthAssessment, incidents []sources.Incident) string {
	var latest *sources.Incident
	for i, inc := range incidents {
		switch {
		case latest == nil, inc.Resolved.IsZero() && !latest.Resolved.IsZero():
			latest = &incidents[i]
		case inc.Resolved.IsZero() == latest.Resolved.IsZero() && inc.Started.After(latest.Started):
			latest = &incidents[i]
		}
	}
	if latest != nil {
		if latest.Resolved.IsZero() {
			return latest.Summary
		}
		return fmt.Sprintf("%s (resolved %s)", latest.Summary, latest.Resolved.UTC().Format("Jan 2 15:04 UTC"))
	}
	if len(a.Issues) > 0 {
		return a.Issues[0].Detail
	}
	return ""
}
