package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
	"github.com/aiperf/monitor/pkg/sources"
)

// fleetHealthFrames answers `fleetHealth`: each model's status, severity,
// recommended action and health score from the alert-severity rules applied
// to its measurements over the range.
func fleetHealthFrames(ctx context.Context, in fleetInputs) (data.Frames, error) {
	variances := map[string]engine.Metric{}
	var notices []string
	if in.billing != nil {
		forecasts, err := monthEndForecasts(ctx, in)
		if err != nil {
			return nil, err
		}
		variances = costVariances(in.models, forecasts)
	} else {
		notices = append(notices, "no billing source is configured: cost efficiency is left out of the health score")
	}
	byModel, err := modelIncidents(ctx, in)
	if err != nil {
		return nil, err
	}
	rows := make([]frames.FleetHealthRow, 0, len(in.models))
	for _, m := range in.models {
		inputs, sla, err := healthInputsOf(ctx, in, m)
		if err != nil {
			return nil, err
		}
		inputs.CostVariance = variances[m.ID]
		a := engine.AssessHealth(inputs)
		row := frames.FleetHealthRow{
			Model: m.ID, Name: m.Name, Status: string(a.Status), Severity: string(a.Severity),
			HealthScore: a.Score, LastIssue: lastIssue(a, byModel[m.ID]), Action: a.Action, Dimensions: a.Dimensions,
		}
		if sla.OK {
			row.SLAPercent = engine.Metric{Value: sla.Value * 100, OK: true}
		}
		rows = append(rows, row)
	}
	f := frames.FleetHealth(rows, in.executed)
	for _, n := range notices {
		frames.Notice(f, n)
	}
	return data.Frames{f}, nil
}

// healthInputsOf gathers a model's measurements over the range, except cost,
// and returns its availability (the SLA column) alongside.
func healthInputsOf(ctx context.Context, in fleetInputs, m catalog.Model) (engine.HealthInputs, engine.Metric, error) {
	t := in.catalog.TargetsFor(m.ID)
	inputs := engine.HealthInputs{LatencyTargetMs: t.P95LatencyMs, UtilisationTarget: t.Utilisation}
	serving, err := servingWindow(ctx, in, m.ID, in.from, in.end())
	if err != nil {
		return inputs, engine.Metric{}, err
	}
	inputs.DowntimeMinutes, inputs.Availability, inputs.LatencyP95Ms = serving.DowntimeMinutes, serving.Availability, serving.LatencyP95Ms

	points, err := in.serving.Utilization(ctx, m.ID, in.from, in.end(), savingsStep)
	if err != nil {
		return inputs, engine.Metric{}, fmt.Errorf("reading utilisation of %s: %w", m.ID, err)
	}
	busiest := make([]float64, len(points))
	for i, p := range points {
		busiest[i] = max(p.GPU, p.CPU, p.Memory, p.Storage)
	}
	_, inputs.PeakUtilisation = engine.UtilisationProfile(busiest)

	quality, err := modelQualityOf(ctx, in, m, in.from, in.end())
	if err != nil {
		return inputs, engine.Metric{}, err
	}
	inputs.QualityDrop, inputs.DataQualityIssueShare = quality.drop, quality.dataIssues
	compliance, err := measureCompliance(ctx, in, m)
	if err != nil {
		return inputs, engine.Metric{}, err
	}
	inputs.FairnessFailed = compliance.fairnessStatus == fairnessFail
	inputs.ComplianceShare = compliance.share(m)
	return inputs, serving.Availability, nil
}

// lastIssue is the summary of the incident still open, else of the latest
// one, else the most severe rule that fired.
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
		return latest.Summary
	}
	if len(a.Issues) > 0 {
		return a.Issues[0].Detail
	}
	return ""
}
