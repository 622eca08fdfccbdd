package engine

import "fmt"

// Data-quality checks (DESIGN.md "Data quality"); they are also the field
// names of the `dataQuality` frame.
const (
	CheckCompleteness      = "completeness"
	CheckValidity          = "validity"
	CheckOutlierRate       = "outlierRate"
	CheckSchemaConformance = "schemaConformance"
)

// DataQualityCheck says what a check measures on each feature type; an
// empty description means the check does not apply to that type, and the
// metric is undefined there.
type DataQualityCheck struct {
	Check       string
	Numeric     string
	Categorical string
}

// DataQualityChecks is which checks apply to which feature type.
var DataQualityChecks = []DataQualityCheck{
	{CheckCompleteness, "1 − missing / rows", "1 − missing / rows"},
	{CheckValidity, "share of present values inside the baseline range widened by 10%", "share of values the baseline has seen (undefined past MaxKnownCategories)"},
	{CheckOutlierRate, "share of values outside the baseline's 3×IQR fences", ""},
	{CheckSchemaConformance, "share of present values that are finite numbers inside the declared domain (wrong type, unparsable text, ±Inf and out-of-domain values fail)", "share of values among the declared allowed values (only when the schema declares them)"},
}

// FeatureQuality is one feature's data quality in a window.
type FeatureQuality struct {
	Feature           string
	Numeric           bool
	Completeness      Metric
	Validity          Metric
	OutlierRate       Metric
	SchemaConformance Metric
}

// DataQualityReport holds every feature and the overall means.
type DataQualityReport struct {
	Features []FeatureQuality
	Overall  FeatureQuality // mean of each check over the features where it is defined
	// IssueShare is the share of values with any measured issue (missing,
	// not a conforming number, out of range, unseen or outside the declared
	// domain): the alert rules' "issues on N% of inputs".
	IssueShare Metric
	Checks     []DataQualityCheck
}

func ratio(num, den int64, reason string) Metric {
	if den == 0 {
		return undefinedMetric(reason)
	}
	return definedMetric(float64(num) / float64(den))
}

// DataQuality computes the report of a summary binned with b. What a check
// cannot measure is undefined with its reason, never a constant.
func DataQuality(b *Baseline, s *Summary) DataQualityReport {
	r := DataQualityReport{Checks: DataQualityChecks}
	var issues, values int64
	for i, p := range b.Numeric {
		n := &s.Numeric[i]
		q := FeatureQuality{Feature: p.Name, Numeric: true,
			Completeness:      ratio(s.Rows-n.Missing, s.Rows, "no rows in the window"),
			Validity:          ratio(n.Count-n.OutOfRange, n.Present(), "no values in the window"),
			OutlierRate:       ratio(n.Outliers, n.Count, "no numbers in the window"),
			SchemaConformance: ratio(n.Count-n.OutOfDomain, n.Present(), "no values in the window"),
		}
		if p.Count == 0 {
			q.Validity = undefinedMetric("the baseline has no values to take a range from")
			q.OutlierRate = undefinedMetric("the baseline has no values to take fences from")
		}
		r.Features = append(r.Features, q)
		issues += n.Issues
		values += s.Rows
	}
	for i, p := range b.Categorical {
		c := &s.Categorical[i]
		q := FeatureQuality{Feature: p.Name,
			Completeness:      ratio(s.Rows-c.Missing, s.Rows, "no rows in the window"),
			Validity:          ratio(c.Count-c.Unseen, c.Count, "no values in the window"),
			OutlierRate:       undefinedMetric("outlier fences apply to numeric features only"),
			SchemaConformance: ratio(c.Count-c.OutOfDomain, c.Count, "no values in the window"),
		}
		switch {
		case len(p.index) == 0:
			q.Validity = undefinedMetric("the baseline has no values")
		case p.Truncated:
			q.Validity = undefinedMetric(fmt.Sprintf("the baseline has more than %d distinct values: an unseen value may be a known one", MaxKnownCategories))
		}
		if p.allowed == nil {
			q.SchemaConformance = undefinedMetric("the schema declares no allowed values")
		}
		r.Features = append(r.Features, q)
		issues += c.Issues
		values += s.Rows
	}
	r.Overall = FeatureQuality{Feature: "overall",
		Completeness:      meanOf(r.Features, func(f FeatureQuality) Metric { return f.Completeness }),
		Validity:          meanOf(r.Features, func(f FeatureQuality) Metric { return f.Validity }),
		OutlierRate:       meanOf(r.Features, func(f FeatureQuality) Metric { return f.OutlierRate }),
		SchemaConformance: meanOf(r.Features, func(f FeatureQuality) Metric { return f.SchemaConformance }),
	}
	r.IssueShare = ratio(issues, values, "no rows in the window")
	return r
}

// meanOf averages a check over the features where it is defined.
func meanOf(features []FeatureQuality, get func(FeatureQuality) Metric) Metric {
	var sum float64
	n := 0
	for _, f := range features {
		if m := get(f); m.OK {
			sum += m.Value
			n++
		}
	}
	if n == 0 {
		return undefinedMetric("not measured on any feature")
	}
	return definedMetric(sum / float64(n))
}
