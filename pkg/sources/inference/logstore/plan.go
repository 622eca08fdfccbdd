package logstore

import (
	"math"
	"slices"

	"github.com/aiperf/monitor/pkg/engine"
)

// The scan turns every row into one (part, bin, category, value) tuple per
// part — a feature, the model's output, a sensitive attribute — and groups
// them by (interval, part, bin, category). A part's bin is the row's bucket
// among bound edges (SQL's width_bucket: the number of edges at or below
// the value); its category a text value. The store writes each part's
// expressions as this plan says; Assemble reads the groups back.

// PartKind says what a part counts and how its tuple is made.
type PartKind int

const (
	// PartNumeric: bin over Edges of the value (NULL when missing), value v,
	// d = v − Anchors[bin].
	PartNumeric PartKind = iota
	// PartCategorical: category = the value as text, NULL when missing or empty.
	PartCategorical
	// PartScore (binary): bin over Edges of the score, d = the score,
	// category LabelPositive, LabelNegative or NULL (unlabeled); X the row's
	// log loss and Y its Brier term when labeled with a usable score.
	PartScore
	// PartRegression: bin RegressionUsable or RegressionUnusable for labeled
	// rows (NULL otherwise), d = the target, X = |e|, Y = e².
	PartRegression
	// PartPercent: bin RegressionUsable for labeled usable rows whose target
	// is not 0 (NULL otherwise), X = |e / y|.
	PartPercent
	// PartMulticlass: bin = MulticlassCode of the predicted and actual classes.
	PartMulticlass
	// PartGroup (binary): category = the group (MissingGroup when missing),
	// bin = GroupCode of the outcome, NULL when the score is unusable.
	PartGroup
)

// Label states of a binary row in PartScore's category.
const (
	LabelPositive = "1"
	LabelNegative = "0"
)

// MissingGroup is the group of rows whose sensitive attribute is missing
// (as the engine's summarizer names it).
const MissingGroup = "(missing)"

// PartRegression bins.
const (
	RegressionUsable   = 1
	RegressionUnusable = 2
)

// GroupCode is a binary row's outcome in PartGroup: predicted (0, 1) plus 2 ×
// state (0 unlabeled, 1 actual negative, 2 actual positive).
func GroupCode(predicted, state int) int { return predicted + 2*state }

// Multiclass codes, with K classes and p, a the predicted and actual class
// indexes: p unlabeled; K + a·K + p labeled; K + K² + p labeled with a label
// that is not a class; MulticlassBadUnlabeled, MulticlassBadLabeled when
// the prediction is not a class.
const (
	MulticlassBadUnlabeled = -1
	MulticlassBadLabeled   = -2
)

// Part is one tuple of every row.
type Part struct {
	Kind   PartKind
	Index  int     // the feature's or attribute's index in the schema
	Column *Column // the column read (the output column for output parts)
	// Edges (numeric and score parts) are ascending and distinct in SQL's
	// float order: the baseline's bin edges, the range and fence bounds,
	// and sentinels −MaxFloat64, +Inf and NaN that set non-finite and NaN
	// values apart.
	Edges   []float64
	Anchors []float64 // per bin (len(Edges)+1): d = v − Anchors[bin]
	bins    []sqlBin
}

// binClass is what the values of a SQL bin are.
type binClass int

const (
	binFinite binClass = iota
	binNonFinite
	binNaN
	binInvalid // a score outside [0, 1]
)

// sqlBin maps a SQL bin onto the engine's summary.
type sqlBin struct {
	class  binClass
	lo     float64 // the bin's lower edge (finite bins)
	engine int     // the engine's bin
	sign   float64 // engine offset += sign·Σd
	// positive: a score bin whose rows are predicted positive
	positive bool
	flagged  struct{ outOfRange, outlier, outOfDomain bool }
}

// Plan is the scan of one model against one baseline.
type Plan struct {
	Table    *Table
	Baseline *engine.Baseline
	Parts    []Part
}

// NewPlan lays out the parts of a model's rows.
func NewPlan(t *Table, b *engine.Baseline) *Plan {
	p := &Plan{Table: t, Baseline: b}
	for i := range b.Numeric {
		p.Parts = append(p.Parts, numericPart(PartNumeric, i, &t.Numeric[i], &b.Numeric[i]))
	}
	for i := range b.Categorical {
		p.Parts = append(p.Parts, Part{Kind: PartCategorical, Index: i, Column: &t.Categorical[i]})
	}
	switch b.Schema.Task {
	case engine.TaskBinary:
		p.Parts = append(p.Parts, scorePart(t.Output, b.ScoreEdges, b.Schema.Threshold))
		for i := range t.Sensitive {
			p.Parts = append(p.Parts, Part{Kind: PartGroup, Index: i, Column: &t.Sensitive[i]})
		}
	case engine.TaskMulticlass:
		p.Parts = append(p.Parts, Part{Kind: PartMulticlass, Column: t.Output})
	case engine.TaskRegression:
		p.Parts = append(p.Parts, numericPart(PartNumeric, -1, t.Output, &b.Prediction),
			Part{Kind: PartRegression, Column: t.Output}, Part{Kind: PartPercent, Column: t.Output})
	}
	return p
}

// numericPart bins a numeric column so that every SQL bin lies inside one
// engine bin and on one side of every range check.
func numericPart(kind PartKind, index int, c *Column, pr *engine.NumericProfile) Part {
	cuts := slices.Clone(pr.Edges)
	cuts = append(cuts, -math.MaxFloat64)
	if pr.Count > 0 {
		cuts = append(cuts, pr.ValidLow, up(pr.ValidHigh), pr.FenceLow, up(pr.FenceHigh))
	}
	cuts = append(cuts, pr.DomainLow, up(pr.DomainHigh))
	part := Part{Kind: kind, Index: index, Column: c, Edges: sqlEdges(cuts)}
	part.bins = make([]sqlBin, len(part.Edges)+1)
	part.Anchors = make([]float64, len(part.Edges)+1)
	part.bins[0] = sqlBin{class: binNonFinite} // below −MaxFloat64: −Inf
	for j := 1; j <= len(part.Edges); j++ {
		lo := part.Edges[j-1]
		switch {
		case math.IsNaN(lo):
			part.bins[j] = sqlBin{class: binNaN}
			continue
		case math.IsInf(lo, 1):
			part.bins[j] = sqlBin{class: binNonFinite}
			continue
		}
		e := binOf(pr.Edges, lo)
		sb := sqlBin{class: binFinite, lo: lo, engine: e, sign: 1}
		switch {
		case len(pr.Edges) == 0:
			sb.sign = -1
		case e == 0:
			sb.sign, part.Anchors[j] = -1, pr.Edges[0]
		default:
			part.Anchors[j] = pr.Edges[e-1]
		}
		sb.flagged.outOfRange = pr.Count > 0 && (lo < pr.ValidLow || lo > pr.ValidHigh)
		sb.flagged.outlier = pr.Count > 0 && (lo < pr.FenceLow || lo > pr.FenceHigh)
		sb.flagged.outOfDomain = lo < pr.DomainLow || lo > pr.DomainHigh
		part.bins[j] = sb
	}
	return part
}

// scorePart bins binary scores: [0, 1] over the baseline's score edges,
// everything else (below 0, above 1, NaN) unusable. The threshold is one of
// the score edges, so each bin is predicted one way.
func scorePart(c *Column, edges []float64, threshold float64) Part {
	cuts := append(slices.Clone(edges), 0, up(1))
	slices.Sort(cuts)
	cuts = slices.DeleteFunc(slices.Compact(cuts), func(e float64) bool { return e < 0 || e > up(1) })
	part := Part{Kind: PartScore, Column: c, Edges: append(cuts, math.NaN())}
	part.bins = make([]sqlBin, len(part.Edges)+1)
	part.Anchors = make([]float64, len(part.Edges)+1)
	part.bins[0] = sqlBin{class: binInvalid} // below 0
	for j := 1; j <= len(part.Edges); j++ {
		lo := part.Edges[j-1]
		if math.IsNaN(lo) || lo > 1 { // above 1 (+Inf too), or NaN
			part.bins[j] = sqlBin{class: binInvalid}
			continue
		}
		part.bins[j] = sqlBin{class: binFinite, lo: lo, engine: binOf(edges, lo), positive: lo >= threshold}
	}
	return part
}

// sqlEdges sorts the finite cuts, drops duplicates and non-finite values,
// and ends with the +Inf and NaN sentinels (SQL sorts NaN above +Inf).
func sqlEdges(cuts []float64) []float64 {
	finite := slices.DeleteFunc(cuts, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) })
	slices.Sort(finite)
	finite = slices.Compact(finite)
	return append(finite, math.Inf(1), math.NaN())
}

func up(v float64) float64 { return math.Nextafter(v, math.Inf(1)) }

// binOf is the number of edges at or below v: SQL's width_bucket and the
// engine's bin of v.
func binOf(edges []float64, v float64) int {
	n, _ := slices.BinarySearch(edges, v)
	for n < len(edges) && edges[n] <= v {
		n++
	}
	return n
}
