package demo

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources"
)

// Models is the demo fleet's catalog, as a model registry would serve it:
// owners, risk classes, versions, targets and business value, and the
// baseline window its scripted behaviours are measured against.
func (f *Fleet) Models(ctx context.Context) ([]catalog.Model, error) {
	anchor := anchorOf(f.now())
	reference := baselineWindow(anchor)
	out := make([]catalog.Model, len(fleetProfiles))
	for i, p := range fleetProfiles {
		m := p.spec
		out[i] = catalog.Model{
			ID: m.ID, Name: m.Name, Owner: m.Owner, RiskClass: m.RiskClass, Version: m.Version,
			Task: string(m.Task), PrimaryMetric: m.PrimaryMetric, BusinessValuePerMonth: m.BusinessValuePerMonth,
			BudgetPerMonth: m.BusinessValuePerMonth / 10, RetentionDays: m.RetentionDays, IntendedPurpose: m.IntendedPurpose,
			BaselineDays: int(reference.Length() / oneDay), BaselineEnd: reference.To.Format(time.DateOnly),
			LabelDelayHours: m.LabelDelay.Hours(),
			Targets:         catalog.Targets{P95LatencyMs: m.LatencyTargetP95Ms},
			Registry:        registryFacts(p, anchor),
		}
	}
	return out, ctx.Err()
}

// baselineWindow is the reference window of every demo model: the
// baselineLength days ending baselineEndLead before the anchor, well before
// any scripted drift.
func baselineWindow(anchor time.Time) sources.Window {
	end := anchor.Add(-baselineEndLead)
	return sources.Window{From: end.Add(-baselineLength), To: end}
}
