package engine

// FeatureQuality is one feature's data quality in a window (DESIGN.md):
// completeness = 1 − missing rate; validity = share of present values inside
// the baseline range widened by 10% (numeric) or among known categories;
// outlier rate = share outside the baseline's 3×IQR fences; schema
// conformance = share of present values of the declared type (±Inf is not a number).
type FeatureQuality struct {
	Feature           string
	Completeness      Metric
	Validity          Metric
	OutlierRate       Metric
	SchemaConformance Metric
}

// DataQualityReport holds every feature and the overall means.
type DataQualityReport struct {
	Features []FeatureQuality
	Overall  FeatureQuality
	// IssueShare is the mean share of values with any issue (missing,
	// invalid, out of range, unknown category): the alert rules' "issues on
	// N% of inputs".
	IssueShare Metric
}

func ratio(num, den int64) Metric {
	if den == 0 {
		return Metric{}
	}
	return Metric{Value: float64(num) / float64(den), OK: true}
}

// DataQuality computes the report of a summary binned with b.
func DataQuality(b *Baseline, s *Summary) DataQualityReport {
	var r DataQualityReport
	var issues, values int64
	for i, p := range b.Numeric {
		n := s.Numeric[i]
		present := n.Count + n.Invalid
		r.Features = append(r.Features, FeatureQuality{
			Feature:           p.Name,
			Completeness:      ratio(s.Rows-n.Missing, s.Rows),
			Validity:          ratio(n.Count-n.OutOfRange, present),
			OutlierRate:       ratio(n.Outliers, n.Count),
			SchemaConformance: ratio(n.Count, present),
		})
		issues += n.Missing + n.Invalid + n.OutOfRange
		values += s.Rows
	}
	for i, p := range b.Categorical {
		c := s.Categorical[i]
		r.Features = append(r.Features, FeatureQuality{
			Feature:           p.Name,
			Completeness:      ratio(s.Rows-c.Missing, s.Rows),
			Validity:          ratio(c.Count-c.Unseen, c.Count),
			OutlierRate:       ratio(0, c.Count),
			SchemaConformance: ratio(c.Count, c.Count),
		})
		issues += c.Missing + c.Unseen
		values += s.Rows
	}
	r.Overall = FeatureQuality{Feature: "overall",
		Completeness:      meanOf(r.Features, func(f FeatureQuality) Metric { return f.Completeness }),
		Validity:          meanOf(r.Features, func(f FeatureQuality) Metric { return f.Validity }),
		OutlierRate:       meanOf(r.Features, func(f FeatureQuality) Metric { return f.OutlierRate }),
		SchemaConformance: meanOf(r.Features, func(f FeatureQuality) Metric { return f.SchemaConformance }),
	}
	r.IssueShare = ratio(issues, values)
	return r
}

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
		return Metric{}
	}
	return Metric{Value: sum / float64(n), OK: true}
}
