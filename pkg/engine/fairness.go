package engine

import (
	"fmt"
	"math"
	"sort"
)

// Fairness criteria; they are also the `criterion` values of the
// `fairnessDisparities` frame.
const (
	CriterionDemographicParityDifference = "demographicParityDifference"
	CriterionDemographicParityRatio      = "demographicParityRatio"
	CriterionEqualOpportunityDifference  = "equalOpportunityDifference"
	CriterionEqualizedOddsDifference     = "equalizedOddsDifference"
)

// Reference-group modes for the disparity computation.
const (
	// ReferenceBest compares every group with the best group of each metric
	// (highest selection rate and TPR, lowest FPR). Differences are then
	// max − min and the ratio min/max, as fairlearn's method="between_groups".
	ReferenceBest = "best"
	// ReferenceLargest compares every group with the one with most labeled rows
	// (on a tie, the first by name).
	ReferenceLargest = "largest"
	// ReferenceNamed compares every group with FairnessOptions.ReferenceGroup.
	ReferenceNamed = "named"
)

// Fairness defaults (DESIGN.md "Metric definitions"; four-fifths rule).
const (
	DefaultFairnessMinGroupSize     = 30
	DefaultFairnessDifferenceTarget = 0.05
	DefaultFairnessRatioTarget      = 0.8
)

// FairnessOptions tune the disparity computation; zero values take the defaults.
type FairnessOptions struct {
	MinGroupSize     int64   // labeled rows a group needs to count in disparities
	DifferenceTarget float64 // a difference passes when it is below this
	RatioTarget      float64 // the parity ratio passes when it is at least this
	Reference        string  // ReferenceBest (default), ReferenceLargest or ReferenceNamed
	ReferenceGroup   string  // the group for ReferenceNamed
}

// FairnessGroup holds one group's rates. Selection rate is over all rows of
// the group (it needs no labels); TPR, FPR, PPV and accuracy over labeled rows.
type FairnessGroup struct {
	Group         string
	N             int64
	Labeled       int64
	SelectionRate Metric
	TPR           Metric
	FPR           Metric
	PPV           Metric
	Accuracy      Metric
	Small         bool // fewer labeled rows than MinGroupSize: reported, not compared
}

// FairnessDisparity is one criterion with its target. Pass is true only when
// the value is defined and within the target.
type FairnessDisparity struct {
	Criterion string
	Value     Metric
	Target    float64
	Pass      bool
}

// FairnessReport is the fairness of one sensitive attribute.
type FairnessReport struct {
	Attribute string
	Reference string // the reference mode, or the group name for ReferenceNamed
	// ReferenceGroup is the one group every other is compared with (largest
	// or named mode); empty in best mode, where each metric's best group is.
	ReferenceGroup string
	Groups         []FairnessGroup
	Disparities    []FairnessDisparity
}

// Failed tells whether any defined criterion misses its target.
func (r FairnessReport) Failed() bool {
	for _, d := range r.Disparities {
		if d.Value.OK && !d.Pass {
			return true
		}
	}
	return false
}

// Fairness computes per-group rates and the disparity criteria of one
// sensitive attribute. Groups smaller than MinGroupSize are reported but left
// out of the disparities; a criterion needs two comparable groups, else it is
// undefined.
func Fairness(attribute string, groups map[string]*GroupCounts, opts FairnessOptions) (FairnessReport, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return FairnessReport{}, err
	}
	r := FairnessReport{Attribute: attribute, Reference: opts.Reference}
	if opts.Reference == ReferenceNamed {
		r.Reference = opts.ReferenceGroup
	}
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		g := groups[name]
		if g == nil {
			continue
		}
		r.Groups = append(r.Groups, groupRates(name, g, opts.MinGroupSize))
	}
	eligible := make([]FairnessGroup, 0, len(r.Groups))
	for _, g := range r.Groups {
		if !g.Small {
			eligible = append(eligible, g)
		}
	}
	ref, found := referenceGroup(eligible, opts)
	if ref != nil {
		r.ReferenceGroup = ref.Group
	}
	if !found {
		// the reference group is absent or too small: nothing to compare with
		eligible = nil
	}
	if len(eligible) < 2 {
		eligible = nil
	}
	selection := func(g FairnessGroup) Metric { return g.SelectionRate }
	tpr := func(g FairnessGroup) Metric { return g.TPR }
	fpr := func(g FairnessGroup) Metric { return g.FPR }
	dpDiff := gap(eligible, ref, "rows", selection)
	dpRatio := parityRatio(eligible, ref)
	eoDiff := gap(eligible, ref, "positive labels", tpr)
	fprDiff := gap(eligible, ref, "negative labels", fpr)
	oddsDiff := eoDiff
	switch {
	case !eoDiff.OK:
	case !fprDiff.OK:
		oddsDiff = fprDiff
	default:
		oddsDiff = definedMetric(max(eoDiff.Value, fprDiff.Value))
	}
	r.Disparities = []FairnessDisparity{
		differenceCriterion(CriterionDemographicParityDifference, dpDiff, opts.DifferenceTarget),
		{Criterion: CriterionDemographicParityRatio, Value: dpRatio, Target: opts.RatioTarget,
			Pass: dpRatio.OK && dpRatio.Value >= opts.RatioTarget},
		differenceCriterion(CriterionEqualOpportunityDifference, eoDiff, opts.DifferenceTarget),
		differenceCriterion(CriterionEqualizedOddsDifference, oddsDiff, opts.DifferenceTarget),
	}
	return r, nil
}

func (o FairnessOptions) withDefaults() (FairnessOptions, error) {
	if o.MinGroupSize == 0 {
		o.MinGroupSize = DefaultFairnessMinGroupSize
	}
	if o.DifferenceTarget == 0 {
		o.DifferenceTarget = DefaultFairnessDifferenceTarget
	}
	if o.RatioTarget == 0 {
		o.RatioTarget = DefaultFairnessRatioTarget
	}
	if o.Reference == "" {
		o.Reference = ReferenceBest
	}
	switch {
	case o.MinGroupSize < 0:
		return o, fmt.Errorf("fairness minGroupSize is %d: use a positive number of labeled rows (default %d)", o.MinGroupSize, DefaultFairnessMinGroupSize)
	case o.DifferenceTarget < 0 || o.DifferenceTarget > 1:
		return o, fmt.Errorf("fairness differenceTarget is %g: use a share between 0 and 1 (default %g)", o.DifferenceTarget, DefaultFairnessDifferenceTarget)
	case o.RatioTarget < 0 || o.RatioTarget > 1:
		return o, fmt.Errorf("fairness ratioTarget is %g: use a ratio between 0 and 1 (default %g)", o.RatioTarget, DefaultFairnessRatioTarget)
	}
	switch o.Reference {
	case ReferenceBest, ReferenceLargest:
	case ReferenceNamed:
		if o.ReferenceGroup == "" {
			return o, fmt.Errorf("fairness reference %q needs referenceGroup: name the group to compare with", ReferenceNamed)
		}
	default:
		return o, fmt.Errorf("fairness reference %q is unknown: use %q, %q or %q", o.Reference, ReferenceBest, ReferenceLargest, ReferenceNamed)
	}
	return o, nil
}

func groupRates(name string, g *GroupCounts, minSize int64) FairnessGroup {
	tp, fp, tn, fn := float64(g.TP), float64(g.FP), float64(g.TN), float64(g.FN)
	labeled := g.TP + g.FP + g.TN + g.FN
	return FairnessGroup{
		Group:         name,
		N:             g.N,
		Labeled:       labeled,
		SelectionRate: metricRatio(float64(g.Selected), float64(g.N)),
		TPR:           metricRatio(tp, tp+fn),
		FPR:           metricRatio(fp, fp+tn),
		PPV:           metricRatio(tp, tp+fp),
		Accuracy:      metricRatio(tp+tn, float64(labeled)),
		Small:         labeled < minSize,
	}
}

// referenceGroup picks the comparison group for the largest and named modes.
// Best mode has no single group (nil, true); a named group that is absent or
// small gives (nil, false).
func referenceGroup(eligible []FairnessGroup, opts FairnessOptions) (*FairnessGroup, bool) {
	var ref *FairnessGroup
	for i := range eligible {
		g := &eligible[i]
		switch opts.Reference {
		case ReferenceLargest:
			if ref == nil || g.Labeled > ref.Labeled {
				ref = g
			}
		case ReferenceNamed:
			if g.Group == opts.ReferenceGroup {
				ref = g
			}
		}
	}
	return ref, opts.Reference == ReferenceBest || ref != nil
}

// gap is the largest |metric(g) − metric(reference)|. Without a reference
// group (best mode), the reference is the best group, which makes the gap
// max − min. A group whose metric is undefined (a TPR without positive
// labels, an FPR without negatives) makes the gap undefined, with that
// reason: dropping the group would let the criterion pass unseen, and
// fairlearn's choice of 0 for it would report a gap nobody measured.
func gap(groups []FairnessGroup, ref *FairnessGroup, what string, metric func(FairnessGroup) Metric) Metric {
	for _, g := range groups {
		if m := metric(g); !m.OK {
			return undefinedMetric(fmt.Sprintf("group %q has no %s, so its rate is undefined", g.Group, what))
		}
	}
	values := definedValues(groups, metric)
	if len(values) < 2 {
		return undefinedMetric("needs two groups with enough labeled rows")
	}
	if ref != nil {
		r := metric(*ref)
		var worst float64
		for _, v := range values {
			worst = max(worst, math.Abs(v-r.Value))
		}
		return definedMetric(worst)
	}
	lo, hi := values[0], values[0]
	for _, v := range values[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return definedMetric(hi - lo)
}

// parityRatio is the smallest selection-rate ratio (smaller over larger)
// between a group and the reference; in best mode, min/max over groups.
func parityRatio(groups []FairnessGroup, ref *FairnessGroup) Metric {
	rate := func(g FairnessGroup) Metric { return g.SelectionRate }
	values := definedValues(groups, rate)
	if len(values) < 2 {
		return undefinedMetric("needs two groups with enough labeled rows")
	}
	if ref == nil {
		lo, hi := values[0], values[0]
		for _, v := range values[1:] {
			lo, hi = min(lo, v), max(hi, v)
		}
		return metricRatio(lo, hi)
	}
	r := rate(*ref)
	if !r.OK {
		return undefinedMetric(fmt.Sprintf("reference group %q has no rows", ref.Group))
	}
	worst := undefinedMetric("every selection rate is 0")
	for _, v := range values {
		pair := metricRatio(min(v, r.Value), max(v, r.Value))
		if pair.OK && (!worst.OK || pair.Value < worst.Value) {
			worst = pair
		}
	}
	return worst
}

func definedValues(groups []FairnessGroup, metric func(FairnessGroup) Metric) []float64 {
	var out []float64
	for _, g := range groups {
		if m := metric(g); m.OK {
			out = append(out, m.Value)
		}
	}
	return out
}

func differenceCriterion(name string, v Metric, target float64) FairnessDisparity {
	return FairnessDisparity{Criterion: name, Value: v, Target: target, Pass: v.OK && v.Value < target}
}
