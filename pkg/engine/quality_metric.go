package engine

// Metric is a metric value that may be undefined, e.g. precision when nothing
// was predicted positive, AUC when only one class is present, or any metric of
// an empty window. Undefined metrics have OK=false, Value=0 and a Reason
// (what is missing), so NaN never reaches a data frame; callers emit a null
// instead (see Ptr) and may show the reason in the field's description.
type Metric struct {
	Value  float64
	OK     bool
	Reason string // why the metric is undefined; empty when OK
}

// Ptr returns the value for a nullable frame field: nil when undefined.
func (m Metric) Ptr() *float64 {
	if !m.OK {
		return nil
	}
	v := m.Value
	return &v
}

// definedMetric wraps a computed value.
func definedMetric(v float64) Metric { return Metric{Value: v, OK: true} }

// undefinedMetric is a metric that cannot be computed, with the reason.
func undefinedMetric(reason string) Metric { return Metric{Reason: reason} }

// metricRatio is num/den, undefined when den is zero (scikit-learn's "ill-defined"
// cases, which it replaces by zero_division; we report them as undefined).
func metricRatio(num, den float64) Metric {
	if den == 0 {
		return undefinedMetric("division by zero: no rows in the denominator")
	}
	return definedMetric(num / den)
}

// NamedMetric is one metric of a report under its frame field name.
// ErrorBound, where defined, is how far the value can be from the one
// computed on unbinned rows (AUC-ROC and PR-AUC from score bins).
type NamedMetric struct {
	Name string
	Metric
	ErrorBound Metric
}
