package frames

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// DriftScores is the long frame the drift panel reads: one row per window × feature.
func DriftScores(times []time.Time, perWindow [][]engine.DriftResult, datasetDrift bool, share float64, model, executed string) *data.Frame {
	var (
		ts                        []time.Time
		feature, method, reason   []string
		score, threshold, percent []*float64
		pValue, noise, logBase    []*float64
		drifted, tooFew           []bool
	)
	for w, results := range perWindow {
		for _, r := range results {
			ts, feature, method = append(ts, times[w]), append(feature, r.Feature), append(method, r.Method)
			threshold, drifted, pValue = append(threshold, Ptr(r.Threshold)), append(drifted, r.Drifted), append(pValue, r.PValue.Ptr())
			percent, noise = append(percent, r.DriftPercent.Ptr()), append(noise, Ptr(r.NoiseFloor))
			tooFew, reason = append(tooFew, r.TooFewRows), append(reason, r.Reason)
			if r.LogBase > 0 {
				logBase = append(logBase, Ptr(r.LogBase))
			} else {
				logBase = append(logBase, nil)
			}
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
		ValueField("noiseFloor", "Noise floor", UnitPercent, noise),
		ValueField("logBase", "JS log base", UnitNone, logBase),
		ValueField("tooFewRows", "Too few rows", "", tooFew),
		ValueField("reason", "Not scored because", "", reason),
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

// DriftTrend is drift % per feature over time, plus prediction and concept
// drift. A window too small to score is null, and a notice says how many
// windows were left out and why, so a thin open window never reads as drift.
func DriftTrend(times []time.Time, features []string, perWindow [][]engine.DriftResult, prediction []engine.DriftResult, concept []engine.Metric, model, executed string) *data.Frame {
	fields := []*data.Field{TimeField(times)}
	tooFew := map[int]bool{}
	for i, name := range features {
		values := make([]*float64, len(times))
		method := ""
		for w := range perWindow {
			r := perWindow[w][i]
			if r.DriftPercent.OK {
				values[w], method = r.DriftPercent.Ptr(), r.Method
			}
			if r.TooFewRows {
				tooFew[w] = true
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
	f := NewTimeSeries("driftTrend", executed, fields...)
	if len(tooFew) > 0 {
		f.AppendNotices(data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"%d of %d windows hold too few predictions to score some features (fewer than %d values, or too few for the method to tell drift from noise); they are left empty rather than read as drift",
			len(tooFew), len(times), engine.MinDriftRows)})
	}
	return f
}

// DriftDistribution is one feature's baseline vs current shares over the range.
func DriftDistribution(d engine.Distribution, r engine.DriftResult, executed string) *data.Frame {
	f := New("driftDistribution", executed,
		data.NewField("bin", nil, d.Labels),
		ValueField("baseline", "Baseline", UnitPercentUnit, d.Baseline),
		ValueField("current", "Current", UnitPercentUnit, d.Current),
	)
	custom := map[string]any{"feature": r.Feature, "method": r.Method, "threshold": r.Threshold, "drifted": r.Drifted, "tooFewRows": r.TooFewRows}
	if r.OK {
		custom["score"] = r.Score
	} else {
		custom["reason"] = r.Reason
	}
	if r.PValue.OK {
		custom["pValue"] = r.PValue.Value
	}
	if r.LogBase > 0 {
		custom["logBase"] = r.LogBase
	}
	f.Meta.Custom = custom
	return f
}

// DataQuality is one row per feature and a last "overall" row. A check that
// does not apply to a feature is null, and the row's notes say why; the
// frame meta lists which checks apply to which feature type.
func DataQuality(r engine.DataQualityReport, executed string) *data.Frame {
	rows := append(append([]engine.FeatureQuality{}, r.Features...), r.Overall)
	n := len(rows)
	feature, kind, notes := make([]string, n), make([]string, n), make([]string, n)
	comp, valid, out, conf := make([]*float64, n), make([]*float64, n), make([]*float64, n), make([]*float64, n)
	for i, q := range rows {
		feature[i] = q.Feature
		switch {
		case i == n-1:
			kind[i] = "overall"
		case q.Numeric:
			kind[i] = "numeric"
		default:
			kind[i] = "categorical"
		}
		comp[i], valid[i], out[i], conf[i] = q.Completeness.Ptr(), q.Validity.Ptr(), q.OutlierRate.Ptr(), q.SchemaConformance.Ptr()
		notes[i] = undefinedReasons(map[string]engine.Metric{
			"completeness": q.Completeness, "validity": q.Validity, "outlier rate": q.OutlierRate, "schema conformance": q.SchemaConformance,
		})
	}
	f := New("dataQuality", executed,
		data.NewField("feature", nil, feature),
		ValueField("kind", "Type", "", kind),
		ValueField("completeness", "Completeness", UnitPercentUnit, comp),
		ValueField("validity", "Validity", UnitPercentUnit, valid),
		ValueField("outlierRate", "Outlier rate", UnitPercentUnit, out),
		ValueField("schemaConformance", "Schema conformance", UnitPercentUnit, conf),
		ValueField("notes", "Not measured", "", notes),
	)
	checks := make([]map[string]string, len(r.Checks))
	for i, c := range r.Checks {
		checks[i] = map[string]string{"check": c.Check, "numeric": c.Numeric, "categorical": c.Categorical}
	}
	f.Meta.Custom = map[string]any{"checks": checks}
	return f
}

// undefinedReasons lists, in a fixed order, why each undefined metric is undefined.
func undefinedReasons(metrics map[string]engine.Metric) string {
	names := make([]string, 0, len(metrics))
	for name := range metrics {
		names = append(names, name)
	}
	sort.Strings(names)
	var parts []string
	for _, name := range names {
		if m := metrics[name]; !m.OK && m.Reason != "" {
			parts = append(parts, name+": "+m.Reason)
		}
	}
	return strings.Join(parts, "; ")
}
