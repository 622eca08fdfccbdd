package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// DriftScores is the long frame the drift panel reads: one row per window × feature.
func DriftScores(times []time.Time, perWindow [][]engine.DriftResult, datasetDrift bool, share float64, model, executed string) *data.Frame {
	var (
		ts                        []time.Time
		feature, method           []string
		score, threshold, percent []*float64
		pValue                    []*float64
		drifted                   []bool
	)
	for w, results := range perWindow {
		for _, r := range results {
			ts, feature, method = append(ts, times[w]), append(feature, r.Feature), append(method, r.Method)
			threshold, drifted, pValue = append(threshold, Ptr(r.Threshold)), append(drifted, r.Drifted), append(pValue, r.PValue.Ptr())
			percent = append(percent, r.DriftPercent.Ptr())
			if r.OK {
				score = append(score, Ptr(r.Score))
			} else {
				score = append(score, nil)
			}
		}
	}
	f := New("driftScores", executed,
		TimeField(ts),
		data.NewField("feature", nil, feature),
		data.NewField("method", nil, method),
		ValueField("score", "Score", UnitNone, score),
		ValueField("threshold", "Threshold", UnitNone, threshold),
		data.NewField("drifted", nil, drifted),
		ValueField("pValue", "p-value", UnitNone, pValue),
		ValueField("driftPercent", "Drift %", UnitPercent, percent),
	)
	f.Meta.Custom = map[string]any{"datasetDrift": datasetDrift, "driftedShare": share, "model": model}
	f.Meta.PreferredVisualization = data.VisTypeTable
	return f
}

// DriftDistributions is the long frame of baseline vs current shares per window × feature × bin.
func DriftDistributions(times []time.Time, features []string, perWindow [][]engine.Distribution, executed string) *data.Frame {
	var (
		ts                []time.Time
		feature, bin      []string
		baseline, current []float64
	)
	for w, dists := range perWindow {
		for i, d := range dists {
			for k, label := range d.Labels {
				ts, feature, bin = append(ts, times[w]), append(feature, features[i]), append(bin, label)
				baseline, current = append(baseline, d.Baseline[k]), append(current, d.Current[k])
			}
		}
	}
	return New("driftDistributions", executed,
		TimeField(ts),
		data.NewField("feature", nil, feature),
		data.NewField("bin", nil, bin),
		ValueField("baseline", "Baseline", UnitPercentUnit, baseline),
		ValueField("current", "Current", UnitPercentUnit, current),
	)
}

// DriftTrend is drift % per feature over time, plus prediction and concept drift.
func DriftTrend(times []time.Time, features []string, perWindow [][]engine.DriftResult, prediction []engine.DriftResult, concept []engine.Metric, model, executed string) *data.Frame {
	fields := []*data.Field{TimeField(times)}
	for i, name := range features {
		values := make([]*float64, len(times))
		method := ""
		for w := range perWindow {
			if r := perWindow[w][i]; r.DriftPercent.OK {
				values[w], method = r.DriftPercent.Ptr(), r.Method
			}
		}
		fields = append(fields, WithThreshold(WithLabels(ValueField(name, name, UnitPercent, values),
			data.Labels{"model": model, "feature": name, "method": method}), 10, true))
	}
	pred, conc := make([]*float64, len(times)), make([]*float64, len(times))
	for w := range times {
		pred[w] = prediction[w].DriftPercent.Ptr()
		conc[w] = concept[w].Ptr()
	}
	fields = append(fields,
		WithThreshold(WithLabels(ValueField("prediction", "prediction drift", UnitPercent, pred), data.Labels{"model": model, "feature": "prediction"}), 10, true),
		WithThreshold(WithLabels(ValueField("concept", "concept drift", UnitPercent, conc), data.Labels{"model": model, "feature": "concept"}), 10, true),
	)
	return New("driftTrend", executed, fields...)
}

// DriftDistribution is one feature's baseline vs current shares over the range.
func DriftDistribution(d engine.Distribution, r engine.DriftResult, executed string) *data.Frame {
	f := New("driftDistribution", executed,
		data.NewField("bin", nil, d.Labels),
		ValueField("baseline", "Baseline", UnitPercentUnit, d.Baseline),
		ValueField("current", "Current", UnitPercentUnit, d.Current),
	)
	custom := map[string]any{"feature": r.Feature, "method": r.Method, "score": r.Score, "threshold": r.Threshold, "drifted": r.Drifted}
	if r.PValue.OK {
		custom["pValue"] = r.PValue.Value
	}
	f.Meta.Custom = custom
	return f
}

// DataQuality is one row per feature and a last "overall" row.
func DataQuality(r engine.DataQualityReport, executed string) *data.Frame {
	rows := append(append([]engine.FeatureQuality{}, r.Features...), r.Overall)
	feature := make([]string, len(rows))
	comp, valid, out, conf := make([]*float64, len(rows)), make([]*float64, len(rows)), make([]*float64, len(rows)), make([]*float64, len(rows))
	for i, q := range rows {
		feature[i] = q.Feature
		comp[i], valid[i], out[i], conf[i] = q.Completeness.Ptr(), q.Validity.Ptr(), q.OutlierRate.Ptr(), q.SchemaConformance.Ptr()
	}
	return New("dataQuality", executed,
		data.NewField("feature", nil, feature),
		ValueField("completeness", "Completeness", UnitPercentUnit, comp),
		ValueField("validity", "Validity", UnitPercentUnit, valid),
		ValueField("outlierRate", "Outlier rate", UnitPercentUnit, out),
		ValueField("schemaConformance", "Schema conformance", UnitPercentUnit, conf),
	)
}
