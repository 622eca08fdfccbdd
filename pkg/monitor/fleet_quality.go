package monitor

import (
	"github.com/aiperf/monitor/pkg/engine"
)

// qualityJudge measures the quality-related health inputs of a model's
// summaries against its baseline, computed once.
type qualityJudge struct {
	md     *modelData
	gap    float64 // the fairness difference target
	metric string
	base   engine.Metric
	err    error
}

func newQualityJudge(md *modelData, fairnessGap float64) *qualityJudge {
	q := &qualityJudge{md: md, gap: fairnessGap, metric: primaryMetric(md)}
	base, err := qualityOf(md.schema, md.baseline.Summary)
	q.base, q.err = base.Get(q.metric), err
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
// verdict of one summary.
func (q *qualityJudge) apply(in *engine.HealthInputs, s *engine.Summary) error {
	if q.err != nil {
		return q.err
	}
	current, err := qualityOf(q.md.schema, s)
	if err != nil {
		return err
	}
	in.QualityDrop = engine.QualityDrop(q.metric, q.base, current.Get(q.metric))
	in.DataQualityIssueShare = engine.DataQuality(q.md.baseline, s).IssueShare
	status, err := fairnessStatusOf(q.md.schema, s, q.gap)
	if err != nil {
		return err
	}
	in.FairnessFailed = status == fairnessFail
	return nil
}
