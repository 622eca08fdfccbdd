package monitor

import (
	"context"
	"slices"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
)

// featureNames lists the schema's features in drift-result order.
func featureNames(s engine.Schema) []string {
	return append(append([]string{}, s.Numeric...), s.Categorical...)
}

func driftFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	perWindow := make([][]engine.DriftResult, len(mw.summaries))
	distributions := make([][]engine.Distribution, len(mw.summaries))
	for i, s := range mw.summaries {
		if perWindow[i], err = engine.FeatureDrift(mw.baseline, s, r.Query.Method); err != nil {
			return nil, fault.Userf("%v", err)
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
	scores := frames.DriftScores(mw.windows.Starts, perWindow, drifted, share, mw.model.ID, mw.describe(string(r.Query.QueryType)))
	return data.Frames{scores, frames.DriftDistributions(mw.windows.Starts, featureNames(mw.schema), distributions, mw.describe(string(r.Query.QueryType)))}, nil
}

func driftTrendFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	n := len(mw.summaries)
	perWindow := make([][]engine.DriftResult, n)
	prediction := make([]engine.DriftResult, n)
	concept := make([]engine.Metric, n)
	for i, s := range mw.summaries {
		if perWindow[i], err = engine.FeatureDrift(mw.baseline, s, r.Query.Method); err != nil {
			return nil, fault.Userf("%v", err)
		}
		if prediction[i], err = engine.PredictionDrift(mw.baseline, s, r.Query.Method); err != nil {
			return nil, err
		}
		concept[i] = engine.ConceptDrift(mw.baseline, s)
	}
	f := frames.DriftTrend(mw.windows.Starts, featureNames(mw.schema), perWindow, prediction, concept, mw.model.ID, mw.describe(string(r.Query.QueryType)))
	return data.Frames{f}, nil
}

func driftDistributionFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(featureNames(mw.schema), r.Query.Feature) {
		return nil, fault.Userf("feature %s is not an input of %s: use one of %v", fault.Echo(r.Query.Feature), mw.model.ID, featureNames(mw.schema))
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	dist, err := engine.FeatureDistribution(mw.baseline, total, r.Query.Feature)
	if err != nil {
		return nil, err
	}
	results, err := engine.FeatureDrift(mw.baseline, total, r.Query.Method)
	if err != nil {
		return nil, fault.Userf("%v", err)
	}
	var result engine.DriftResult
	for _, res := range results {
		if res.Feature == r.Query.Feature {
			result = res
		}
	}
	return data.Frames{frames.DriftDistribution(dist, result, mw.describe(string(r.Query.QueryType)))}, nil
}

func dataQualityFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.DataQuality(engine.DataQuality(mw.baseline, total), mw.describe(string(r.Query.QueryType)))}, nil
}
