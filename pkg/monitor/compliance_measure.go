package monitor

import (
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// complianceMeasures are the measured facts of the compliance inventory.
type complianceMeasures struct {
	auditCoverage  engine.Metric // share of windows with logged predictions
	fairnessStatus string        // fairnessPass, fairnessFail or fairnessNotAssessed
}

// complianceOf measures audit coverage (the share of windows whose
// predictions were logged) and the fairness verdict over the total.
func complianceOf(m catalog.Model, schema engine.Schema, summaries []*engine.Summary, total *engine.Summary, gapTarget float64) (complianceMeasures, error) {
	logged := 0
	for _, s := range summaries {
		if s != nil && s.Rows > 0 {
			logged++
		}
	}
	status, err := fairnessStatusOf(schema, total, gapTarget)
	if err != nil {
		return complianceMeasures{}, fmt.Errorf("fairness of %s: %w", m.ID, err)
	}
	return complianceMeasures{auditCoverage: engine.Coverage(logged, len(summaries)), fairnessStatus: status}, nil
}

// fairnessStatusOf is fail when any sensitive attribute misses a fairness
// target, pass when at least one criterion was assessed and none failed,
// and not assessed otherwise (no sensitive attributes, labels or groups).
func fairnessStatusOf(schema engine.Schema, total *engine.Summary, gapTarget float64) (string, error) {
	failures, err := fairnessFailures(schema, total, gapTarget)
	if err != nil {
		return "", err
	}
	status := fairnessNotAssessed
	for _, f := range failures {
		if f.OK && f.Value > 0 {
			return fairnessFail, nil
		}
		if f.OK {
			status = fairnessPass
		}
	}
	return status, nil
}

// fairnessFailures counts, per sensitive attribute with groups, the
// criteria that miss their target; undefined for an attribute none of whose
// criteria could be assessed.
func fairnessFailures(schema engine.Schema, total *engine.Summary, gapTarget float64) ([]engine.NamedMetric, error) {
	var out []engine.NamedMetric
	for i, attribute := range schema.Sensitive {
		if i >= len(total.Groups) || len(total.Groups[i]) == 0 {
			continue
		}
		report, err := engine.Fairness(attribute, total.Groups[i], engine.FairnessOptions{DifferenceTarget: gapTarget})
		if err != nil {
			return nil, err
		}
		failed, assessed := 0, false
		for _, d := range report.Disparities {
			if d.Value.OK {
				assessed = true
				if !d.Pass {
					failed++
				}
			}
		}
		m := engine.NamedMetric{Name: attribute}
		if assessed {
			m.Metric = engine.Metric{Value: float64(failed), OK: true}
		}
		out = append(out, m)
	}
	return out, nil
}

// share is the share of the model's compliance checks in good standing:
// retention as its risk class requires, every window logged for audit, and
// fairness within target when assessed.
func (c complianceMeasures) share(m catalog.Model) engine.Metric {
	checks, passing := 1, 0
	if retentionStatus(m.RiskClass, int64(m.RetentionDays)) == retentionCompliant {
		passing++
	}
	if c.auditCoverage.OK {
		checks++
		if c.auditCoverage.Value >= 1 {
			passing++
		}
	}
	if c.fairnessStatus != fairnessNotAssessed {
		checks++
		if c.fairnessStatus == fairnessPass {
			passing++
		}
	}
	return engine.Coverage(passing, checks)
}

// violations counts the compliance controls that fail, fairness aside
// (it has its own rule): log retention below what the risk class requires
// (or undeclared where it requires some), and a stretch of closed windows
// longer than the model's expected gap without one logged prediction.
func (c complianceMeasures) violations(m catalog.Model, windows []sources.Window, summaries []*engine.Summary) engine.Metric {
	failed := 0
	switch retentionStatus(m.RiskClass, int64(m.RetentionDays)) {
	case retentionTooShort:
		failed++
	case retentionNotDeclared:
		if minimumRetentionDays[m.RiskClass] > 0 {
			failed++
		}
	}
	if unloggedStretch(windows, summaries) > expectedGap(m) {
		failed++
	}
	return engine.Metric{Value: float64(failed), OK: true}
}

// unloggedStretch is the longest run of consecutive windows without a
// logged prediction. A short window clipped by the range, empty because
// it is short, is no gap unless its neighbours are empty too.
func unloggedStretch(windows []sources.Window, summaries []*engine.Summary) time.Duration {
	var longest, run time.Duration
	for i, s := range summaries {
		if s != nil && s.Rows > 0 {
			run = 0
			continue
		}
		run += windows[i].Length()
		longest = max(longest, run)
	}
	return longest
}
