package monitor

import (
	"fmt"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
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
