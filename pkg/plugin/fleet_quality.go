package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// modelQuality is a model's quality over a range against its baseline.
type modelQuality struct {
	drop       engine.Metric // relative drop of the primary metric; undefined until labels arrive
	dataIssues engine.Metric // share of input values with a data-quality issue
}

// qualityDropOf is the relative drop of the model's primary metric over
// [from, to) against its baseline; undefined when no labels have arrived.
func qualityDropOf(ctx context.Context, in fleetInputs, m catalog.Model, from, to time.Time) (engine.Metric, error) {
	q, err := modelQualityOf(ctx, in, m, from, to)
	return q.drop, err
}

// modelQualityOf measures the model's quality over [from, to).
func modelQualityOf(ctx context.Context, in fleetInputs, m catalog.Model, from, to time.Time) (modelQuality, error) {
	step, _ := alignedStep(from, to, minModelWindow, minModelWindow)
	_, overall, err := qualityDrops(ctx, in, m, windowsOf(from, to, step))
	return overall, err
}

// qualityDrops is the drop of the model's primary metric against its
// baseline in each window, and the quality over all windows merged;
// undefined without an inference source or labels.
func qualityDrops(ctx context.Context, in fleetInputs, m catalog.Model, windows []sources.Window) ([]engine.Metric, modelQuality, error) {
	perWindow := make([]engine.Metric, len(windows))
	if in.inference == nil || len(windows) == 0 {
		return perWindow, modelQuality{}, nil
	}
	schema, err := in.inference.Schema(ctx, m.ID)
	if err != nil {
		return nil, modelQuality{}, fmt.Errorf("schema of %s: %w", m.ID, err)
	}
	baseline, err := in.inference.Baseline(ctx, m.ID)
	if err != nil {
		return nil, modelQuality{}, fmt.Errorf("baseline of %s: %w", m.ID, err)
	}
	summaries, err := in.inference.Summaries(ctx, m.ID, baseline, windows)
	if err != nil {
		return nil, modelQuality{}, fmt.Errorf("prediction summaries of %s: %w", m.ID, err)
	}
	metric := m.PrimaryMetric
	if metric == "" {
		metric = defaultMetrics[schema.Task][0]
	}
	base, err := qualityOf(schema, baseline.Summary)
	if err != nil {
		return nil, modelQuality{}, err
	}
	dropOf := func(s *engine.Summary) (engine.Metric, error) {
		current, err := qualityOf(schema, s)
		if err != nil {
			return engine.Metric{}, err
		}
		return engine.QualityDrop(metric, base.Get(metric), current.Get(metric)), nil
	}
	for i, s := range summaries {
		if perWindow[i], err = dropOf(s); err != nil {
			return nil, modelQuality{}, err
		}
	}
	total, err := engine.MergeAll(summaries...)
	if err != nil {
		return nil, modelQuality{}, fmt.Errorf("merging summaries of %s: %w", m.ID, err)
	}
	drop, err := dropOf(total)
	if err != nil {
		return nil, modelQuality{}, err
	}
	return perWindow, modelQuality{drop: drop, dataIssues: engine.DataQuality(baseline, total).IssueShare}, nil
}
