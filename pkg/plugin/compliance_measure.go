package plugin

import (
	"context"
	"fmt"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// complianceMeasures are the measured facts of the compliance inventory.
type complianceMeasures struct {
	auditCoverage  engine.Metric // share of windows with logged predictions
	fairnessStatus string        // fairnessPass, fairnessFail or fairnessNotAssessed
}

// measureCompliance reads a model's prediction-log summaries per window of
// the range (hourly, wider on long ranges): audit coverage is the share of
// windows whose predictions were logged.
func measureCompliance(ctx context.Context, in fleetInputs, m catalog.Model) (complianceMeasures, error) {
	if in.inference == nil {
		return complianceMeasures{fairnessStatus: fairnessNotAssessed}, nil
	}
	step, _ := alignedStep(in.from, in.end(), minModelWindow, minModelWindow)
	windows := windowsOf(in.from, in.end(), step)
	baseline, err := in.inference.Baseline(ctx, m.ID)
	if err != nil {
		return complianceMeasures{}, fmt.Errorf("baseline of %s: %w", m.ID, err)
	}
	summaries, err := in.inference.Summaries(ctx, m.ID, baseline, windows)
	if err != nil {
		return complianceMeasures{}, fmt.Errorf("prediction summaries of %s: %w", m.ID, err)
	}
	logged := 0
	for _, s := range summaries {
		if s != nil && s.Rows > 0 {
			logged++
		}
	}
	total, err := engine.MergeAll(summaries...)
	if err != nil {
		return complianceMeasures{}, fmt.Errorf("merging summaries of %s: %w", m.ID, err)
	}
	status, err := fairnessStatusOf(baseline.Schema, total, in.catalog.TargetsFor(m.ID).FairnessGap)
	if err != nil {
		return complianceMeasures{}, fmt.Errorf("fairness of %s: %w", m.ID, err)
	}
	return complianceMeasures{auditCoverage: engine.Coverage(logged, len(windows)), fairnessStatus: status}, nil
}

// fairnessStatusOf is fail when any sensitive attribute misses a fairness
// target, pass when at least one criterion was assessed and none failed,
// and not assessed otherwise (no sensitive attributes, labels or groups).
func fairnessStatusOf(schema engine.Schema, total *engine.Summary, gapTarget float64) (string, error) {
	assessed := false
	for i, attribute := range schema.Sensitive {
		if i >= len(total.Groups) || len(total.Groups[i]) == 0 {
			continue
		}
		report, err := engine.Fairness(attribute, total.Groups[i], engine.FairnessOptions{DifferenceTarget: gapTarget})
		if err != nil {
			return "", err
		}
		if report.Failed() {
			return fairnessFail, nil
		}
		for _, d := range report.Disparities {
			assessed = assessed || d.Value.OK
		}
	}
	if assessed {
		return fairnessPass, nil
	}
	return fairnessNotAssessed, nil
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
