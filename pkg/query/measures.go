package query

import (
	"fmt"
	"strings"

	"github.com/aiperf/monitor/pkg/fault"
)

// Measures are the values of `measure`, what a measures query returns; they
// are the engine's measures (engine.Measures), kept in step by a test.
var Measures = []string{
	"qualityDrop", "estimatedQualityDrop", "downtime", "pipelineGap", "latency", "fairness", "saturation",
	"dataQuality", "driftShare", "degradation", "budgetVariance", "optimisation", "compliance", "configurationDrift",
}

// validateMeasure checks that a measures query names a known measure.
func (q Query) validateMeasure() error {
	switch {
	case q.QueryType == QueryTypeMeasures && strings.TrimSpace(q.Measure) == "":
		return fmt.Errorf("measure is empty: the Alert measures query needs one of %s", strings.Join(Measures, ", "))
	case q.QueryType == QueryTypeMeasures && !contains(Measures, q.Measure):
		return fmt.Errorf("measure %s is unknown: use one of %s", fault.Echo(q.Measure), strings.Join(Measures, ", "))
	}
	return nil
}
