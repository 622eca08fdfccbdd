package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// featureNames lists the schema's features in drift-result order.
func featureNames(s engine.Schema) []string {
	return append(append([]string{}, s.Numeric...), s.Categorical...)
}

func driftFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	mw, err := loadModelWindows(ctx, qc)
	if err != nil {
		return nil, err
	}
	perWindow := make([][]engine.DriftResult, len(mw.summaries))
	distributions := make([][]engine.Distribution, len(mw.summaries))
	for i, s := range mw.summaries {
		if perWindow[i], err = engine.FeatureDrift(mw.baseline, s, qc.Query.Method); err != nil {
			return nil, badQuery("%v", err)
		}
		for _, name := range featureNames(mw.schema) {
			d, err := engine.FeatureDistribution(mw.baseline, s, name)
			if err != nil {
				return nil, err
			}
			distributions[i] = append(distributions[i], d)
		}
	}
	// The summary line speaks of the latest window: a drift that began late
	// in the range must not be diluted by the earlier, healthy windows.
	var drifted bool
	var share float64
	if n := len(perWindow); n > 0 {
		drifted, share = engine.DatasetDrift(perWindow[n-1])
	}
	scores := frames.DriftScores(mw.times(), perWindow, drifted, share, mw.model.ID, mw.executed)
	if mw.widened {
		frames.Notice(scores, mw.widenedNotice())
	}
	return data.Frames{scores, frames.DriftDistributions(mw.times(), featureNames(mw.schema), distributions, mw.executed)}, nil
}

func driftTrendFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	mw, err := loadModelWindows(ctx, qc)
	if err != nil {
		return nil, err
	}
	n := len(mw.summaries)
	perWindow := make([][]engine.DriftResult, n)
	prediction := make([]engine.DriftResult, n)
	concept := make([]engine.Metric, n)
	for i, s := range mw.summaries {
		if perWindow[i], err = engine.FeatureDrift(mw.baseline, s, qc.Query.Method); err != nil {
			return nil, badQuery("%v", err)
		}
		if prediction[i], err = engine.PredictionDrift(mw.baseline, s, qc.Query.Method); err != nil {
			return nil, err
		}
		concept[i] = engine.ConceptDrift(mw.baseline, s)
	}
	f := frames.DriftTrend(mw.times(), featureNames(mw.schema), perWindow, prediction, concept, mw.model.ID, mw.executed)
	if mw.widened {
		frames.Notice(f, mw.widenedNotice())
	}
	return data.Frames{f}, nil
}

func driftDistributionFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	mw, err := loadModelWindows(ctx, qc)
	if err != nil {
		return nil, err
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	dist, err := engine.FeatureDistribution(mw.baseline, total, qc.Query.Feature)
	if err != nil {
		return nil, badQuery("%v: use one of %v", err, featureNames(mw.schema))
	}
	results, err := engine.FeatureDrift(mw.baseline, total, qc.Query.Method)
	if err != nil {
		return nil, badQuery("%v", err)
	}
	var result engine.DriftResult
	for _, r := range results {
		if r.Feature == qc.Query.Feature {
			result = r
		}
	}
	return data.Frames{frames.DriftDistribution(dist, result, mw.executed)}, nil
}

func dataQualityFrames(ctx context.Context, qc *queryContext) (data.Frames, error) {
	mw, err := loadModelWindows(ctx, qc)
	if err != nil {
		return nil, err
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.DataQuality(engine.DataQuality(mw.baseline, total), mw.executed)}, nil
}
