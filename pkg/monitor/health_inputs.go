package monitor

import (
	"context"
	"fmt"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// modelHealth is one model's health inputs in each window and over all of
// them, measured the same way for both, so the trend and the table agree.
type modelHealth struct {
	perWindow []engine.HealthInputs
	total     engine.HealthInputs
	sla       slaAttainment // over all windows
	notes     []string      // why a dimension is undefined
}

// measureHealth gathers a model's measurements over the windows, reading
// every connector once per model and windows; a role nobody configured
// leaves its dimension undefined and says so.
func (r *Request) measureHealth(ctx context.Context, m catalog.Model, w Windows) (*modelHealth, error) {
	t := r.Catalog.TargetsFor(m.ID)
	base := engine.HealthInputs{LatencyTargetMs: t.P95LatencyMs, UtilisationTarget: t.Utilisation, QualityDropAlert: t.AccuracyDropAlert}
	h := &modelHealth{perWindow: make([]engine.HealthInputs, len(w.List)), total: base}
	for i := range h.perWindow {
		h.perWindow[i] = base
	}
	if err := r.measureServingHealth(ctx, m, w, h); err != nil {
		return nil, err
	}
	if err := r.measureModelHealth(ctx, m, w, h); err != nil {
		return nil, err
	}
	if err := r.measureCostHealth(ctx, m, w, h); err != nil {
		return nil, err
	}
	return h, nil
}

// measureServingHealth fills availability, downtime, p95 latency and peak utilisation.
func (r *Request) measureServingHealth(ctx context.Context, m catalog.Model, w Windows, h *modelHealth) error {
	if r.Conns.Serving == nil {
		h.notes = append(h.notes, "no serving source: infrastructure and response-time SLA are not scored")
		return nil
	}
	serving, err := r.servingOf(ctx, m.ID, w.List)
	if err != nil {
		return err
	}
	util, err := r.utilizationOf(ctx, m.ID, w.List)
	if err != nil {
		return err
	}
	var total engine.ServingSummary
	var totalUtil engine.UtilizationSummary
	for i, s := range serving {
		applyServing(&h.perWindow[i], engine.SummarizeServing(s), util[i])
		if err := total.Merge(s); err != nil {
			return fmt.Errorf("merging the serving telemetry of %s: %w", m.ID, err)
		}
		totalUtil.Merge(util[i])
	}
	sw := engine.SummarizeServing(total)
	applyServing(&h.total, sw, totalUtil)
	h.sla = attainment(sw, r.Catalog.TargetsFor(m.ID))
	return nil
}

func applyServing(in *engine.HealthInputs, s engine.ServingWindow, u engine.UtilizationSummary) {
	in.Availability, in.DowntimeMinutes, in.LatencyP95Ms = s.Availability, s.DowntimeMinutes, s.LatencyP95Ms
	in.PeakUtilisation = u.Busiest()
}

// measureModelHealth fills quality drop, data-quality issues, fairness,
// compliance and the pipeline rule from the prediction logs.
func (r *Request) measureModelHealth(ctx context.Context, m catalog.Model, w Windows, h *modelHealth) error {
	if r.Conns.Inference == nil {
		h.notes = append(h.notes, "no inference-log source: model performance, data quality and compliance are not scored")
		return nil
	}
	md, err := r.loadModelWindows(ctx, m, w)
	if err != nil {
		return err
	}
	gap := r.Catalog.TargetsFor(m.ID).FairnessGap
	q := newQualityJudge(md, gap)
	for i, s := range md.summaries {
		if err := q.apply(&h.perWindow[i], s); err != nil {
			return err
		}
		h.perWindow[i].PipelineStopped = pipelineStoppedIn(m, w.List[i], s)
	}
	total, err := md.total()
	if err != nil {
		return fmt.Errorf("merging the prediction summaries of %s: %w", m.ID, err)
	}
	if err := q.apply(&h.total, total); err != nil {
		return err
	}
	for i, s := range md.summaries {
		c, err := complianceOf(m, md.schema, []*engine.Summary{s}, s, gap)
		if err != nil {
			return err
		}
		h.perWindow[i].ComplianceShare = c.share(m)
	}
	c, err := complianceOf(m, md.schema, md.summaries, total, gap)
	if err != nil {
		return err
	}
	h.total.ComplianceShare = c.share(m)
	stopped, err := r.pipelineStoppedAt(ctx, m, r.Range.To)
	if err != nil {
		return err
	}
	h.total.PipelineStopped = stopped.OK && stopped.Value > expectedGap(m).Minutes()
	return nil
}

// measureCostHealth fills the cost variance of each window's days against
// the model's pro-rated budget, and of the whole range.
func (r *Request) measureCostHealth(ctx context.Context, m catalog.Model, w Windows, h *modelHealth) error {
	if r.Conns.Billing == nil {
		h.notes = append(h.notes, "no billing source: cost efficiency is not scored")
		return nil
	}
	if m.BudgetPerMonth <= 0 {
		h.notes = append(h.notes, fmt.Sprintf("%s declares no monthly budget: cost efficiency is not scored", m.ID))
		return nil
	}
	b, err := r.costBill(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return err
	}
	declared := r.Catalog.DeclaredCurrency()
	if c := costsByModel(b.records, declared)[m.ID]; c != nil && (!c.singleCurrency() || !c.currencies[declared]) {
		h.notes = append(h.notes, fmt.Sprintf("%s is billed in a currency other than the declared %s: cost efficiency is not scored", m.ID, declared))
		return nil
	}
	daily := dailySpendOf(b.records, m.ID)
	for i, win := range w.List {
		h.perWindow[i].CostVariance = daily.variance(win.From, win.To, m.BudgetPerMonth)
		if !h.perWindow[i].CostVariance.OK {
			h.notes = append(h.notes, "cost efficiency is scored on billed days: windows whose day is not billed yet (today's charges are not final) leave it out")
		}
	}
	h.total.CostVariance = daily.variance(r.Range.From, r.Range.To, m.BudgetPerMonth)
	return nil
}

// pipelineStoppedIn is the pipeline rule on one window: a closed window at
// least as long as the expected gap in which not one prediction arrived.
func pipelineStoppedIn(m catalog.Model, w sources.Window, s *engine.Summary) bool {
	return s.Rows == 0 && w.Length() >= expectedGap(m)
}
