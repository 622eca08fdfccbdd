package logstore

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
)

// Group is one row of the scan: the aggregates of the tuples of one part
// that share interval, bin and category.
type Group struct {
	Interval    int // 1-based, as Intervals.Bounds number them
	Part        int // index into Plan.Parts
	Bin         int
	HasBin      bool // false: the bin was NULL
	Cat         string
	HasCat      bool    // false: the category was NULL
	N           int64   // tuples
	MeanD, VarD float64 // avg(d) and var_pop(d)
	Min, Max    float64 // min(v), max(v)
	X, Y        float64 // sum(x), sum(y)
}

// maxGroups bounds the rows one scan may return: a categorical feature
// with millions of distinct values is not a category.
const maxGroups = 5_000_000

// Assembler turns a scan's groups into one summary per interval and then
// per window. It is the same arithmetic as engine.Summarizer, applied to
// counts and sums instead of rows.
type Assembler struct {
	plan      *Plan
	intervals *Intervals
	known     []map[string]int // per categorical feature: value → counted index (len(Categories): "other")
	sums      []*engine.Summary
	extremes  map[probeKey][]extreme
	groups    int
}

type probeKey struct{ interval, part int }

// extreme is what a numeric SQL bin says about its distinct values.
type extreme struct {
	bin      int
	n        int64
	min, max float64
}

// Probe asks the store for the distinct values of one column in one
// interval: the bins could not tell whether it has more than a handful.
type Probe struct {
	Interval int
	Part     int
	Column   *Column
	From, To time.Time
}

// NewAssembler starts empty summaries for each interval.
func NewAssembler(plan *Plan, iv *Intervals) (*Assembler, error) {
	a := &Assembler{plan: plan, intervals: iv, extremes: map[probeKey][]extreme{}}
	for i := range plan.Baseline.Categorical {
		k, err := knownCategories(plan.Baseline, i)
		if err != nil {
			return nil, err
		}
		a.known = append(a.known, k)
	}
	a.sums = make([]*engine.Summary, iv.Count())
	for i := range a.sums {
		a.sums[i] = engine.NewSummarizer(plan.Baseline).Summary()
	}
	return a, nil
}

// Add counts one group.
func (a *Assembler) Add(g Group) error {
	if a.groups++; a.groups > maxGroups {
		return fault.Userf("the scan returned more than %d groups: a categorical feature has too many distinct values (map high-cardinality columns as numeric, or leave them out)", maxGroups)
	}
	if g.Interval < 1 || g.Interval > len(a.sums) || g.Part < 0 || g.Part >= len(a.plan.Parts) {
		return fmt.Errorf("the scan returned interval %d, part %d: outside the plan", g.Interval, g.Part)
	}
	part := &a.plan.Parts[g.Part]
	if g.HasBin && part.bins != nil && (g.Bin < 0 || g.Bin >= len(part.bins)) {
		return fmt.Errorf("the scan returned bin %d of part %d, which has %d", g.Bin, g.Part, len(part.bins))
	}
	s := a.sums[g.Interval-1]
	switch part.Kind {
	case PartNumeric:
		n := s.Prediction
		if part.Index >= 0 {
			n = &s.Numeric[part.Index]
		} else {
			s.Rows += g.N
		}
		a.addNumeric(n, part, g)
	case PartCategorical:
		a.addCategorical(&s.Categorical[part.Index], part.Index, g)
	case PartScore:
		a.addScore(s, part, g)
	case PartGroup:
		addGroup(s, part.Index, g)
	case PartRegression:
		addRegression(s, g)
	case PartPercent:
		if g.HasBin && g.Bin == RegressionUsable {
			s.Regression.SumAbsPct += g.X
			s.Regression.NPct += g.N
		}
	case PartMulticlass:
		addMulticlass(s, g)
	}
	return nil
}

func (a *Assembler) addNumeric(n *engine.NumericSummary, part *Part, g Group) {
	if !g.HasBin {
		n.Missing += g.N
		n.Issues += g.N
		return
	}
	b := part.bins[g.Bin]
	switch b.class {
	case binNaN:
		n.Missing += g.N
		n.Issues += g.N
		return
	case binNonFinite:
		n.NonFinite += g.N
		n.Issues += g.N
		return
	}
	if n.Count == 0 || g.Min < n.Min {
		n.Min = g.Min
	}
	if n.Count == 0 || g.Max > n.Max {
		n.Max = g.Max
	}
	n.Count += g.N
	n.Counts[b.engine] += g.N
	n.Offsets[b.engine] += b.sign * g.MeanD * float64(g.N)
	n.Moments.Merge(engine.Moments{N: g.N, Mean: part.Anchors[g.Bin] + g.MeanD, M2: g.VarD * float64(g.N)})
	if b.flagged.outOfRange {
		n.OutOfRange += g.N
	}
	if b.flagged.outlier {
		n.Outliers += g.N
	}
	if b.flagged.outOfDomain {
		n.OutOfDomain += g.N
	}
	if b.flagged.outOfRange || b.flagged.outOfDomain {
		n.Issues += g.N
	}
	key := probeKey{g.Interval, g.Part}
	a.extremes[key] = append(a.extremes[key], extreme{bin: g.Bin, n: g.N, min: g.Min, max: g.Max})
}

func (a *Assembler) addCategorical(c *engine.CategoricalSummary, i int, g Group) {
	if !g.HasCat || g.Cat == "" {
		c.Missing += g.N
		c.Issues += g.N
		return
	}
	p := &a.plan.Baseline.Categorical[i]
	c.Count += g.N
	issue := false
	switch k, ok := a.known[i][g.Cat]; {
	case !ok:
		c.Unseen += g.N
		issue = !p.Truncated
	case k < len(c.Counts):
		c.Counts[k] += g.N
	default:
		c.Other += g.N
	}
	if d, ok := a.plan.Baseline.Schema.Domains[p.Name]; ok && len(d.Values) > 0 && !slices.Contains(d.Values, g.Cat) {
		c.OutOfDomain += g.N
		issue = true
	}
	if issue {
		c.Issues += g.N
	}
	if len(c.Distinct) <= distinctCap {
		i, found := slices.BinarySearchFunc(c.Distinct, g.Cat, strings.Compare)
		if !found {
			c.Distinct = slices.Insert(c.Distinct, i, g.Cat)
		}
	} else if g.Cat < c.Distinct[len(c.Distinct)-1] {
		// keep the smallest distinctCap+1 values, whatever order the groups came in
		i, found := slices.BinarySearchFunc(c.Distinct, g.Cat, strings.Compare)
		if !found {
			c.Distinct = slices.Insert(c.Distinct, i, g.Cat)[:distinctCap+1]
		}
	}
}

func (a *Assembler) addScore(s *engine.Summary, part *Part, g Group) {
	s.Rows += g.N
	if g.HasCat {
		s.Labeled += g.N
	}
	if !g.HasBin || part.bins[g.Bin].class != binFinite {
		s.InvalidOutputs += g.N
		return
	}
	b := part.bins[g.Bin]
	h := s.Scores
	predicted := 0
	if b.positive {
		predicted = 1
	}
	s.Confusion.Predicted[predicted] += g.N
	sum := g.MeanD * float64(g.N)
	switch {
	case !g.HasCat:
		h.Unlabeled[b.engine] += g.N
		h.SumUnlabeled[b.engine] += sum
	case g.Cat == LabelPositive:
		h.Pos[b.engine] += g.N
		h.SumPos[b.engine] += sum
		s.Confusion.Matrix[1][predicted] += g.N
	default:
		h.Neg[b.engine] += g.N
		h.SumNeg[b.engine] += sum
		s.Confusion.Matrix[0][predicted] += g.N
	}
	if g.HasCat {
		h.LogLossSum += g.X
		h.BrierSum += g.Y
	}
}

func addGroup(s *engine.Summary, attr int, g Group) {
	if !g.HasBin {
		return // unusable score: the row counts in no group
	}
	name := MissingGroup
	if g.HasCat && g.Cat != "" {
		name = g.Cat
	}
	gc, ok := s.Groups[attr][name]
	if !ok {
		gc = &engine.GroupCounts{}
		s.Groups[attr][name] = gc
	}
	predicted, state := g.Bin%2, g.Bin/2
	gc.N += g.N
	gc.Selected += int64(predicted) * g.N
	switch {
	case state == 2 && predicted == 1:
		gc.TP += g.N
	case state == 1 && predicted == 1:
		gc.FP += g.N
	case state == 1:
		gc.TN += g.N
	case state == 2:
		gc.FN += g.N
	}
}

func addRegression(s *engine.Summary, g Group) {
	if !g.HasBin {
		return
	}
	s.Labeled += g.N
	if g.Bin == RegressionUnusable {
		s.InvalidOutputs += g.N
		return
	}
	r := s.Regression
	r.N += g.N
	r.SumAbsErr += g.X
	r.SumSqErr += g.Y
	r.Target.Merge(engine.Moments{N: g.N, Mean: g.MeanD, M2: g.VarD * float64(g.N)})
}

func addMulticlass(s *engine.Summary, g Group) {
	c := s.Confusion
	k := len(c.Predicted)
	s.Rows += g.N
	switch code := g.Bin; {
	case !g.HasBin || code == MulticlassBadUnlabeled:
		s.InvalidOutputs += g.N
	case code == MulticlassBadLabeled:
		s.InvalidOutputs += g.N
		s.Labeled += g.N
	case code < k:
		c.Predicted[code] += g.N
	case code < k+k*k:
		a, p := (code-k)/k, (code-k)%k
		c.Predicted[p] += g.N
		c.Matrix[a][p] += g.N
		s.Labeled += g.N
	default:
		c.Predicted[code-k-k*k] += g.N
		s.InvalidOutputs += g.N
		s.Labeled += g.N
	}
}

// distinctCap is the engine's: summaries keep up to distinctCap+1 values.
const distinctCap = 5

// DistinctProbeLimit is how many of the smallest distinct values a probe
// asks the store for.
const DistinctProbeLimit = distinctCap + 1

// Probes lists the (interval, column) pairs whose distinct values the bins
// cannot tell: fewer than distinctCap+1 known values, and a bin holding
// three or more rows between two different values.
func (a *Assembler) Probes() []Probe {
	var out []Probe
	for key, xs := range a.extremes {
		values, exact := distinctOf(xs)
		part := &a.plan.Parts[key.part]
		n := a.numeric(key)
		n.Distinct = values
		if exact || len(values) > distinctCap {
			continue
		}
		out = append(out, Probe{Interval: key.interval, Part: key.part, Column: part.Column,
			From: a.intervals.Bounds[key.interval-1], To: a.intervals.Bounds[key.interval]})
	}
	slices.SortFunc(out, func(x, y Probe) int { return (x.Interval-y.Interval)*len(a.plan.Parts) + x.Part - y.Part })
	return out
}

// Resolve sets a probed column's distinct values: the smallest
// distinctCap+1 finite values the store found.
func (a *Assembler) Resolve(p Probe, values []float64) {
	values = slices.DeleteFunc(slices.Clone(values), func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) })
	slices.Sort(values)
	values = slices.Compact(values)
	a.numeric(probeKey{p.Interval, p.Part}).Distinct = values[:min(len(values), distinctCap+1)]
}

func (a *Assembler) numeric(key probeKey) *engine.NumericSummary {
	s := a.sums[key.interval-1]
	if i := a.plan.Parts[key.part].Index; i >= 0 {
		return &s.Numeric[i]
	}
	return s.Prediction
}

// distinctOf lists the values the bins name, ascending: each bin's min and
// max. It is exact when no bin may hide a third value.
func distinctOf(xs []extreme) ([]float64, bool) {
	slices.SortFunc(xs, func(x, y extreme) int { return x.bin - y.bin })
	var values []float64
	exact := true
	for _, x := range xs {
		values = append(values, x.min)
		if x.max != x.min {
			values = append(values, x.max)
			if x.n > 2 {
				exact = false
			}
		}
	}
	return values[:min(len(values), distinctCap+1)], exact
}

// Summaries returns one summary per window: the sum of its intervals.
func (a *Assembler) Summaries() ([]*engine.Summary, error) {
	out := make([]*engine.Summary, len(a.intervals.Windows))
	for i, covered := range a.intervals.Windows {
		switch len(covered) {
		case 0:
			out[i] = engine.NewSummarizer(a.plan.Baseline).Summary()
		case 1:
			out[i] = a.sums[covered[0]-1]
		default:
			parts := make([]*engine.Summary, len(covered))
			for k, c := range covered {
				parts[k] = a.sums[c-1]
			}
			merged, err := engine.MergeAll(parts...)
			if err != nil {
				return nil, err
			}
			out[i] = merged
		}
	}
	return out, nil
}
