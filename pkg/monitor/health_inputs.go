package monitor

import (
	"context"
	"fmt"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// healthNeeds says which connectors a health measurement reads, so a
// measure reads only what it needs.
type healthNeeds uint8

const (
	needServing  healthNeeds = 1 << iota // availability, downtime, latency, utilisation, degradation
	needModel                            // quality, estimate, fairness, data quality, drift, compliance
	needPipeline                         // minutes since the latest prediction
	needCost                             // budget variance
	needSavings                          // identified savings (billing and utilisation)
	needRegistry                         // version drift
	needScore    = needServing | needModel | needCost
)

// needsOf is what a measure reads.
func needsOf(m engine.Measure) healthNeeds {
	switch m {
	case engine.MeasureDowntime, engine.MeasureLatency, engine.MeasureSaturation, engine.MeasureDegradation:
		return needServing
	case engine.MeasurePipelineGap:
		return needPipeline
	case engine.MeasureBudget:
		return needCost
	case engine.MeasureOptimisation:
		return needSavings
	case engine.MeasureConfigurationDrift:
		return needRegistry
	}
	return needModel
}

// modelHealth is one model's health inputs in each window and over all of
// them, measured the same way for both, so the trend and the table agree.
type modelHealth struct {
	perWindow []engine.HealthInputs
	total     engine.HealthInputs
	sla       slaAttainment // over all windows
	notes     []string      // why a measurement is undefined
}

// measureHealth gathers a model's measurements over the windows and in each
// of them, reading every connector it needs once per model and windows; a
// role nobody configured leaves its measurements undefined and says so.
func (r *Request) measureHealth(ctx context.Context, m catalog.Model, w Windows, needs healthNeeds) (*modelHealth, error) {
	s, err := r.loadSeries(ctx, m, w, needs)
	if err != nil {
		return nil, err
	}
	h := &modelHealth{perWindow: make([]engine.HealthInputs, len(w.List))}
	for i := range w.List {
		if h.perWindow[i], err = s.inputs(i, i+1, s.single(i)); err != nil {
			return nil, err
		}
	}
	if err := r.measureTotal(ctx, s, needs, h); err != nil {
		return nil, err
	}
	s.noteUnbilled(h)
	return h, nil
}

// measureOverall gathers a model's measurements over the windows as a
// whole, with the notes measureHealth gives them, for views without a trend.
func (r *Request) measureOverall(ctx context.Context, m catalog.Model, w Windows, needs healthNeeds) (*modelHealth, error) {
	s, err := r.loadSeries(ctx, m, w, needs)
	if err != nil {
		return nil, err
	}
	h := &modelHealth{}
	if err := r.measureTotal(ctx, s, needs, h); err != nil {
		return nil, err
	}
	s.noteUnbilled(h)
	return h, nil
}

// noteUnbilled says so when a window's day is not billed yet, which leaves
// the cost efficiency of that window out.
func (s *modelSeries) noteUnbilled(h *modelHealth) {
	if s.spend == nil {
		return
	}
	for _, w := range s.windows.List {
		if !s.spend.variance(w.From, w.To, s.model.BudgetPerMonth).OK {
			h.notes = append(h.notes, "cost efficiency is scored on billed days: windows whose day is not billed yet (today's charges are not final) leave it out")
			return
		}
	}
}

// measureRange gathers a model's measurements over the windows as a whole.
func (r *Request) measureRange(ctx context.Context, m catalog.Model, w Windows, needs healthNeeds) (*modelHealth, error) {
	s, err := r.loadSeries(ctx, m, w, needs)
	if err != nil {
		return nil, err
	}
	h := &modelHealth{}
	if err := r.measureTotal(ctx, s, needs, h); err != nil {
		return nil, err
	}
	return h, nil
}

// measureTotal fills h's inputs over all of the series' windows, its SLA
// attainment and notes, and what is measured at the end of the range.
func (r *Request) measureTotal(ctx context.Context, s *modelSeries, needs healthNeeds, h *modelHealth) error {
	h.notes = s.notes
	totals, err := s.mergeAll()
	if err != nil {
		return err
	}
	if h.total, err = s.inputs(0, len(s.windows.List), totals); err != nil {
		return err
	}
	if totals.serving != nil {
		h.sla = attainment(engine.SummarizeServing(*totals.serving), s.targets)
	}
	if needs&needPipeline != 0 {
		if err := r.measurePipeline(ctx, s.model, &h.total, &h.notes); err != nil {
			return err
		}
	}
	if needs&needRegistry != 0 {
		if h.total.VersionDrift, err = r.versionDrift(ctx, s.model, s.windows, &h.notes); err != nil {
			return err
		}
	}
	return nil
}

// modelSeries is what the connectors said about one model, window by window.
type modelSeries struct {
	model    catalog.Model
	targets  catalog.Targets
	windows  Windows
	open     bool                        // the last window is still running
	serving  []engine.ServingSummary     // nil: not read
	util     []engine.UtilizationSummary // with serving
	md       *modelData                  // nil: not read
	judge    *qualityJudge
	spend    *modelSpend          // nil: not read or no budget
	costs    []sources.CostRecord // the model's charges, for savings; nil: not read
	currency string               // the declared currency spend and savings are counted in
	notes    []string
}

// loadSeries reads what the needs ask for over the windows.
func (r *Request) loadSeries(ctx context.Context, m catalog.Model, w Windows, needs healthNeeds) (*modelSeries, error) {
	s := &modelSeries{model: m, targets: r.Catalog.TargetsFor(m.ID), windows: w, open: w.LastIsOpen(r.Now())}
	note := func(text string) { s.notes = append(s.notes, text) }
	var err error
	if needs&(needServing|needSavings) != 0 {
		if r.Conns.Serving == nil {
			note("no serving source: infrastructure, response-time SLA and savings are not measured")
		} else {
			if s.serving, err = r.servingOf(ctx, m.ID, w.List); err != nil {
				return nil, err
			}
			if s.util, err = r.utilizationOf(ctx, m.ID, w.List); err != nil {
				return nil, err
			}
		}
	}
	if needs&needModel != 0 {
		if r.Conns.Inference == nil {
			note("no inference-log source: model performance, data quality and compliance are not measured")
		} else {
			if s.md, err = r.loadModelWindows(ctx, m, w); err != nil {
				return nil, err
			}
			s.judge = newQualityJudge(s.md, s.targets.FairnessGap)
		}
	}
	if needs&(needCost|needSavings) != 0 {
		if err := r.loadSpend(ctx, s, needs); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// loadSpend reads the model's charges over the windows, in the catalog's
// declared currency: budgets are declared in it, so a model billed in
// another is not compared with its budget.
func (r *Request) loadSpend(ctx context.Context, s *modelSeries, needs healthNeeds) error {
	if r.Conns.Billing == nil {
		s.notes = append(s.notes, "no billing source: cost efficiency and savings are not measured")
		return nil
	}
	b, err := r.costBill(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return err
	}
	s.notes = append(s.notes, b.notes...)
	s.currency = r.Catalog.DeclaredCurrency()
	if c := costsByModel(b.records, s.currency)[s.model.ID]; c != nil && (!c.singleCurrency() || !c.currencies[s.currency]) {
		s.notes = append(s.notes, fmt.Sprintf("%s is billed in a currency other than the declared %s: cost efficiency and savings are not measured", s.model.ID, s.currency))
		return nil
	}
	if needs&needCost != 0 {
		if s.model.BudgetPerMonth > 0 {
			spend := dailySpendOf(b.records, s.model.ID)
			s.spend = &spend
		} else {
			s.notes = append(s.notes, fmt.Sprintf("%s declares no monthly budget: cost efficiency is not scored", s.model.ID))
		}
	}
	if needs&needSavings != 0 {
		s.costs = []sources.CostRecord{}
		for _, rec := range b.records {
			if rec.Model == s.model.ID {
				s.costs = append(s.costs, rec)
			}
		}
	}
	return nil
}

// measurePipeline measures the minutes from the model's latest prediction
// to the end of the range against its expected gap.
func (r *Request) measurePipeline(ctx context.Context, m catalog.Model, in *engine.HealthInputs, notes *[]string) error {
	if r.Conns.Inference == nil {
		*notes = append(*notes, "no inference-log source: the pipeline is not watched")
		return nil
	}
	gap, err := r.pipelineStoppedAt(ctx, m, r.Range.To)
	if err != nil {
		return err
	}
	in.MinutesSinceLastPrediction, in.ExpectedGapMinutes = gap, expectedGap(m).Minutes()
	if !gap.OK {
		*notes = append(*notes, m.ID+" has made no prediction yet: its pipeline gap is not measured")
	}
	return nil
}
