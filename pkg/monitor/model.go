package monitor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

// modelByID returns a catalog model, or a user error listing those that exist.
func (r *Request) modelByID(id string) (catalog.Model, error) {
	if m, ok := r.Catalog.Model(id); ok {
		return m, nil
	}
	ids := make([]string, len(r.Catalog.Models))
	for i, m := range r.Catalog.Models {
		ids[i] = m.ID
	}
	if len(ids) == 0 {
		return catalog.Model{}, fault.Userf("model %s is not in the catalog, which is empty: declare models in the data source settings or connect a model registry", fault.Echo(id))
	}
	return catalog.Model{}, fault.Userf("model %s is not in the catalog: use one of %s", fault.Echo(id), strings.Join(ids, ", "))
}

// model returns the query's model.
func (r *Request) model() (catalog.Model, error) { return r.modelByID(r.Query.Model) }

// baselineWindow is the model's reference window (DESIGN.md "Declared vs
// measured"): the baselineDays whole UTC days ending at the declared
// baselineEnd or, when none is declared, ending at the UTC day the range
// starts on, so models without a fixed reference compare with the days
// before the range.
func baselineWindow(m catalog.Model, r Range) sources.Window {
	days := m.BaselineDays
	if days <= 0 {
		days = catalog.DefaultBaselineDays
	}
	end := r.From.Truncate(24 * time.Hour)
	if d, err := time.Parse(time.DateOnly, m.BaselineEnd); err == nil {
		end = d
	}
	return sources.Window{From: end.AddDate(0, 0, -days), To: end}
}

var errNoInference = fault.Userf("no inference-log source is configured: this query needs prediction logs; configure the Inference logs section of the data source settings or use the demo data source")

// modelData is what every model-metric query starts from: the model, its
// schema and baseline, and one summary per window.
type modelData struct {
	model     catalog.Model
	schema    engine.Schema
	baseline  *engine.Baseline
	reference sources.Window
	windows   Windows
	summaries []*engine.Summary
	folds     *Folds
}

// loadModel reads the query's model over its range in windows of the query's interval.
func (r *Request) loadModel(ctx context.Context) (*modelData, error) {
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return r.loadModelWindows(ctx, m, windowsOf(r.Range, r.Interval, minModelWindow))
}

// loadModelWindows reads a model's schema, baseline and window summaries,
// each once per data request.
func (r *Request) loadModelWindows(ctx context.Context, m catalog.Model, w Windows) (*modelData, error) {
	src := r.Conns.Inference
	if src == nil {
		return nil, errNoInference
	}
	schema, err := remember(r.Loads, "schema|"+m.ID, func() (engine.Schema, error) { return src.Schema(ctx, m.ID) })
	if err != nil {
		return nil, fmt.Errorf("reading the schema of %s: %w", m.ID, err)
	}
	reference := baselineWindow(m, r.Range)
	baseline, err := remember(r.Loads, fmt.Sprintf("baseline|%s|%s", m.ID, windowsKey([]sources.Window{reference})), func() (*engine.Baseline, error) {
		return src.Baseline(ctx, m.ID, reference)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the baseline of %s (%s to %s): %w", m.ID, stamp(reference.From), stamp(reference.To), err)
	}
	summaries, err := remember(r.Loads, fmt.Sprintf("summaries|%s|%p|%s", m.ID, baseline, windowsKey(w.List)), func() ([]*engine.Summary, error) {
		return src.Summaries(ctx, m.ID, baseline, w.List)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the prediction summaries of %s: %w", m.ID, err)
	}
	if len(summaries) != len(w.List) {
		return nil, fmt.Errorf("the inference source returned %d summaries for %d windows of %s", len(summaries), len(w.List), m.ID)
	}
	return &modelData{model: m, schema: schema, baseline: baseline, reference: reference, windows: w, summaries: summaries, folds: r.Folds}, nil
}

// total merges every window into one summary of the whole range.
func (d *modelData) total() (*engine.Summary, error) {
	return d.folds.total(d.summaries)
}

// describe is the executed-query text of the frames.
func (d *modelData) describe(what string) string {
	return fmt.Sprintf("%s of %s (%s) in %d windows of %s, against its baseline %s to %s",
		what, d.model.ID, d.schema.Task, len(d.windows.List), d.windows.Step, stamp(d.reference.From), stamp(d.reference.To))
}
