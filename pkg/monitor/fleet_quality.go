package monitor

import (
	"fmt"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// qualityJudge measures the quality-related health inputs of a model's
// summaries against its baseline, computed once.
type qualityJudge struct {
	md          *modelData
	gap         float64 // the fairness difference target
	metric      string
	base        engine.Metric
	calibration engine.Calibration // binary models: the baseline's, for label-free estimates
	err         error
}

func newQualityJudge(md *modelData, fairnessGap float64) *qualityJudge {
	q := &qualityJudge{md: md, gap: fairnessGap, metric: primaryMetric(md)}
	base, err := qualityOf(md.schema, md.baseline.Summary)
	q.base, q.err = base.Get(q.metric), err
	if md.schema.Task == engine.TaskBinary {
		q.calibration = engine.CalibrationFrom(md.baseline.Summary.Scores)
	}
	return q
}

// primaryMetric is the declared primary metric, or the task's headline one.
func primaryMetric(md *modelData) string {
	if md.model.PrimaryMetric != "" {
		return md.model.PrimaryMetric
	}
	return defaultMetrics[md.schema.Task][0]
}

// apply sets the quality drop, data-quality issue share and fairness
// failures of one summary, those of the measures wanted.
func (q *qualityJudge) apply(in *engine.HealthInputs, s *engine.Summary, wants func(engine.Measure) bool) error {
	if q.err != nil {
		return q.err
	}
	if wants(engine.MeasureQualityDrop) {
		current, err := primaryQuality(q.md.schema, q.metric, s)
		if err != nil {
			return err
		}
		in.QualityDrop = engine.QualityDrop(q.metric, q.base, current)
	}
	if wants(engine.MeasureDataQuality) {
		in.DataQualityIssueShare = engine.DataQuality(q.md.baseline, s).IssueShare
	}
	if !wants(engine.MeasureFairness) {
		return nil
	}
	var err error
	in.FailedFairnessCriteria, err = fairnessFailures(q.md.schema, s, q.gap)
	return err
}

// primaryQuality is a summary's value of one quality metric: a binary
// model's is computed alone (its other metrics and error bounds cost more
// than it), the others' from the task's report.
func primaryQuality(schema engine.Schema, metric string, s *engine.Summary) (engine.Metric, error) {
	if schema.Task == engine.TaskBinary {
		return engine.BinaryMetric(metric, s.Confusion, s.Scores)
	}
	report, err := qualityOf(schema, s)
	return report.Get(metric), err
}

// applySpan sets what is measured over a span of windows as a whole, those
// of the measures wanted: the label-free estimate of the drop, the share of
// drifting features and the compliance controls. summaries are the span's
// windows, the first closed of them closed (an open window's missing rows
// are no audit gap yet).
func (q *qualityJudge) applySpan(in *engine.HealthInputs, windows []sources.Window, summaries []*engine.Summary, total *engine.Summary, closed int, wants func(engine.Measure) bool) error {
	if wants(engine.MeasureEstimatedQualityDrop) {
		in.EstimatedQualityDrop = q.estimatedDrop(total)
	}
	if wants(engine.MeasureDrift) {
		results, err := engine.FeatureDrift(q.md.baseline, total, "")
		if err != nil {
			return fmt.Errorf("drift of %s: %w", q.md.model.ID, err)
		}
		in.DriftShare = driftShare(results)
	}
	if !wants(engine.MeasureCompliance) {
		return nil
	}
	c, err := complianceOf(q.md.model, q.md.schema, summaries[:closed], total, q.gap)
	if err != nil {
		return err
	}
	in.ComplianceShare = c.share(q.md.model)
	in.ComplianceViolations = c.violations(q.md.model, windows[:closed], summaries[:closed])
	return nil
}

// estimatedDrop is the drop of the label-free estimate of the rows whose
// labels are pending against the baseline's measured value; undefined for
// metrics the estimate does not cover (AUC, regression errors) or when
// every label has arrived.
func (q *qualityJudge) estimatedDrop(total *engine.Summary) engine.Metric {
	if q.md.schema.Task != engine.TaskBinary || total.Scores == nil {
		return engine.Metric{}
	}
	e := engine.EstimateBinaryWith(q.calibration, total.Scores, q.md.schema.Threshold)
	if e.Rows == 0 {
		return engine.Metric{}
	}
	estimated, ok := estimateOf(e, q.metric)
	if !ok {
		return engine.Metric{}
	}
	return engine.QualityDrop(q.metric, q.base, estimated)
}

// driftShare is the share of scored features that drift; undefined when no
// feature could be scored.
func driftShare(results []engine.DriftResult) engine.Metric {
	scored := 0
	for _, r := range results {
		if r.OK {
			scored++
		}
	}
	if scored == 0 {
		return engine.Metric{}
	}
	_, share := engine.DatasetDrift(results)
	return engine.Metric{Value: share, OK: true}
}
