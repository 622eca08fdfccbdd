package monitor

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/frames"
)

// defaultMetrics are the headline metrics per task when the query picks none.
var defaultMetrics = map[engine.Task][]string{
	engine.TaskBinary:     {engine.MetricAccuracy, engine.MetricPrecision, engine.MetricRecall, engine.MetricF1},
	engine.TaskMulticlass: {engine.MetricAccuracy, engine.MetricPrecisionMacro, engine.MetricRecallMacro, engine.MetricF1Macro},
	engine.TaskRegression: {engine.MetricMAE, engine.MetricRMSE, engine.MetricMAPE, engine.MetricR2},
}

// ratioMetrics are shown in percent; the others (log loss, Brier, errors in target units, R²) are plain numbers.
var ratioMetrics = map[string]bool{
	engine.MetricAccuracy: true, engine.MetricPrecision: true, engine.MetricRecall: true, engine.MetricF1: true,
	engine.MetricAUCROC: true, engine.MetricPRAUC: true, engine.MetricECE: true, engine.MetricMAPE: true,
	engine.MetricPrecisionMacro: true, engine.MetricRecallMacro: true, engine.MetricF1Macro: true,
	engine.MetricPrecisionWeighted: true, engine.MetricRecallWeighted: true, engine.MetricF1Weighted: true,
}

// qualityOf computes a summary's quality report for the model's task.
func qualityOf(schema engine.Schema, s *engine.Summary) (engine.QualityReport, error) {
	switch schema.Task {
	case engine.TaskBinary:
		return engine.BinaryQuality(s.Confusion, s.Scores)
	case engine.TaskMulticlass:
		return engine.MulticlassQuality(s.Confusion)
	case engine.TaskRegression:
		return engine.RegressionQuality(s.Regression), nil
	default:
		return engine.QualityReport{}, fmt.Errorf("model task %q has no quality metrics", schema.Task)
	}
}

func qualityFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	names := r.Query.Metrics
	if len(names) == 0 {
		names = defaultMetrics[mw.schema.Task]
	}
	base, err := qualityOf(mw.schema, mw.baseline.Summary)
	if err != nil {
		return nil, err
	}
	base = base.Select(names)
	if len(base.Metrics) == 0 {
		return nil, fault.Userf("metrics %s are not quality metrics of a %s model: use %v", fault.Echo(strings.Join(names, ", ")), mw.schema.Task, defaultMetrics[mw.schema.Task])
	}
	n := len(mw.summaries)
	current := make([]engine.QualityReport, n)
	estimates := make([]*engine.Estimate, n)
	var calibration engine.Calibration
	if mw.schema.Task == engine.TaskBinary {
		calibration = engine.CalibrationFrom(mw.baseline.Summary.Scores)
	}
	for i, s := range mw.summaries {
		if current[i], err = qualityOf(mw.schema, s); err != nil {
			return nil, err
		}
		current[i] = current[i].Select(names)
		if mw.schema.Task == engine.TaskBinary && s.Rows > s.Labeled && s.Scores != nil {
			e := engine.EstimateBinaryWith(calibration, s.Scores, mw.schema.Threshold)
			estimates[i] = &e
		}
	}
	fields := []*data.Field{frames.TimeField(mw.windows.Starts)}
	for _, bm := range base.Metrics {
		unit := frames.UnitNone
		if ratioMetrics[bm.Name] {
			unit = frames.UnitPercentUnit
		}
		values, baseline, estimated, bounds := make([]*float64, n), make([]*float64, n), make([]*float64, n), make([]*float64, n)
		anyEstimate, anyBound := false, false
		for i := range mw.summaries {
			m := current[i].GetNamed(bm.Name)
			values[i], baseline[i], bounds[i] = m.Ptr(), bm.Ptr(), m.ErrorBound.Ptr()
			anyBound = anyBound || m.ErrorBound.OK
			if estimates[i] != nil {
				if e, ok := estimateOf(*estimates[i], bm.Name); ok {
					estimated[i], anyEstimate = e.Ptr(), true
				}
			}
		}
		// Every series is unique by its labels, so one alert rule can cover
		// each metric and each model.
		series := func(name, display, kind string, v []*float64) *data.Field {
			return frames.WithLabels(frames.ValueField(name, display, unit, v), data.Labels{"model": mw.model.ID, "metric": bm.Name, "series": kind})
		}
		label := metricLabel(bm.Name)
		fields = append(fields, series(bm.Name, label, "measured", values), series(bm.Name+"Baseline", label+" baseline", "baseline", baseline))
		if anyEstimate {
			fields = append(fields, series(bm.Name+"Estimated", label+" (estimated)", "estimated", estimated))
		}
		if anyBound {
			// Scores that share a bin are ranked as ties; the bound is how far
			// the exact value can lie from the one shown.
			fields = append(fields, series(bm.Name+"ErrorBound", label+" ± error bound", "errorBound", bounds))
		}
	}
	return data.Frames{frames.NewTimeSeries("quality", mw.describe("quality"), fields...)}, nil
}

// metricLabels are the names people read for the quality metrics.
var metricLabels = map[string]string{
	engine.MetricAccuracy: "Accuracy", engine.MetricPrecision: "Precision", engine.MetricRecall: "Recall", engine.MetricF1: "F1",
	engine.MetricAUCROC: "ROC AUC", engine.MetricPRAUC: "PR AUC", engine.MetricLogLoss: "Log loss", engine.MetricBrier: "Brier score",
	engine.MetricECE: "ECE", engine.MetricPrecisionMacro: "Precision (macro)", engine.MetricRecallMacro: "Recall (macro)",
	engine.MetricF1Macro: "F1 (macro)", engine.MetricPrecisionWeighted: "Precision (weighted)", engine.MetricRecallWeighted: "Recall (weighted)",
	engine.MetricF1Weighted: "F1 (weighted)", engine.MetricMAE: "MAE", engine.MetricRMSE: "RMSE", engine.MetricMAPE: "MAPE", engine.MetricR2: "R²",
}

func metricLabel(name string) string {
	if l, ok := metricLabels[name]; ok {
		return l
	}
	return name
}

// estimateOf picks one metric of a label-free estimate.
func estimateOf(e engine.Estimate, name string) (engine.Metric, bool) {
	for _, m := range e.Metrics() {
		if m.Name == name && m.OK {
			return m.Metric, true
		}
	}
	return engine.Metric{}, false
}

func confusionMatrixFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	if mw.schema.Task == engine.TaskRegression {
		return nil, fault.Userf("model %s is a regression model: a confusion matrix needs a classifier", mw.model.ID)
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	matrix := engine.ConfusionMatrix(total.Confusion)
	classes := mw.schema.Classes
	if len(classes) != len(matrix) {
		classes = make([]string, len(matrix))
		for i := range classes {
			classes[i] = strconv.Itoa(i)
		}
	}
	fields := []*data.Field{data.NewField("actual", nil, append([]string(nil), classes...))}
	for j, predicted := range classes {
		column := make([]int64, len(matrix))
		for i := range matrix {
			column[i] = matrix[i][j]
		}
		fields = append(fields, frames.ValueField("predicted_"+predicted, "predicted "+predicted, frames.UnitNone, column))
	}
	return data.Frames{frames.New("confusionMatrix", mw.describe(string(r.Query.QueryType)), fields...)}, nil
}

func reliabilityFrames(ctx context.Context, r *Request) (data.Frames, error) {
	mw, err := r.loadModel(ctx)
	if err != nil {
		return nil, err
	}
	if mw.schema.Task != engine.TaskBinary {
		return nil, fault.Userf("model %s is a %s model: the reliability curve needs a binary classifier's scores", mw.model.ID, mw.schema.Task)
	}
	total, err := mw.total()
	if err != nil {
		return nil, err
	}
	bins := engine.Reliability(total.Scores)
	labels, meanPredicted, observed, counts := make([]string, len(bins)), make([]float64, len(bins)), make([]float64, len(bins)), make([]int64, len(bins))
	for i, b := range bins {
		labels[i] = fmt.Sprintf("[%.1f, %.1f)", b.Lower, b.Upper)
		meanPredicted[i], observed[i], counts[i] = b.MeanPredicted, b.ObservedRate, b.Count
	}
	return data.Frames{frames.New("reliability", mw.describe(string(r.Query.QueryType)),
		data.NewField("bin", nil, labels),
		frames.WithRange(frames.ValueField("meanPredicted", "Mean predicted", frames.UnitPercentUnit, meanPredicted), 0, 1),
		frames.WithRange(frames.ValueField("observedRate", "Observed rate", frames.UnitPercentUnit, observed), 0, 1),
		frames.ValueField("count", "Labeled rows", frames.UnitNone, counts),
	)}, nil
}
