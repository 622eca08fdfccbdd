package engine

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sketchRankError is the largest rank error of the baseline's quantile
// edges that docs/metrics.md states for the t-digest: an edge meant to cut
// the baseline at quantile q cuts it within q ± sketchRankError.
const sketchRankError = 0.002

func TestSketchEdgesCutTheBaselineAtTheirQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	columns := []struct {
		name string
		draw func() float64
	}{
		{"normal", rng.NormFloat64},
		{"exponential", rng.ExpFloat64},
		{"offset 1e7", func() float64 { return 1e7 + rng.NormFloat64() }},
		{"heavy tailed", func() float64 { return 1 / (rng.Float64() + 1e-3) }},
	}
	for _, c := range columns {
		name, draw := c.name, c.draw
		values := make([]float64, 200_000)
		bb, _ := NewBaselineBuilder(numericSchema)
		for i := range values {
			values[i] = draw()
			bb.Add(&Row{Num: []float64{values[i]}})
		}
		slices.Sort(values)
		st := bb.Profile().Numeric[0]
		worst := 0.0
		for i, e := range st.Quantiles {
			rank := float64(binOf(values, e)) / float64(len(values))
			worst = math.Max(worst, math.Abs(rank-float64(i+1)/BaselineQuantiles))
		}
		t.Logf("%s: largest rank error of the 99 edges %.5f", name, worst)
		if worst > sketchRankError {
			t.Errorf("%s: an edge is %.4f off its quantile (at most %v)", name, worst, sketchRankError)
		}
	}
}

func TestStreamingBaselineEqualsTheProfilePath(t *testing.T) {
	schema := Schema{Task: TaskBinary, Numeric: []string{"x", "flag"}, Categorical: []string{"c"}}
	rng := rand.New(rand.NewPCG(5, 6))
	rows := make([]Row, 5000)
	for i := range rows {
		rows[i] = Row{Num: []float64{rng.NormFloat64(), float64(rng.IntN(2))}, Cat: []string{[]string{"a", "b", "c"}[rng.IntN(3)]},
			Score: rng.Float64(), Label: float64(rng.IntN(2)), Labeled: true}
	}
	bb, err := NewBaselineBuilder(schema)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		bb.Add(&rows[i])
	}
	fromProfile, err := NewBaselineFromProfile(schema, bb.Profile())
	if err != nil {
		t.Fatal(err)
	}
	fromRows, err := NewBaseline(schema, rows)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fromProfile.Numeric[0].Edges, fromRows.Numeric[0].Edges) || !slices.Equal(fromProfile.ScoreEdges, fromRows.ScoreEdges) {
		t.Fatal("the streaming builder and the profile path must fix the same bins")
	}
	if p := fromRows.Numeric[1]; !p.Discrete || !slices.Equal(p.Edges, pointEdges([]float64{0, 1})) {
		t.Errorf("a 0/1 feature gets a bin per value, got %+v", p.Edges)
	}
	if fromProfile.Summary.Rows != 0 || fromRows.Summary.Rows != 5000 {
		t.Error("a profile's baseline starts with an empty summary; NewBaseline summarizes its rows")
	}
}

func TestBinOfCountsTheEdgesAtOrBelow(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 40 {
		edges := make([]float64, n)
		for i := range edges {
			edges[i] = float64(i) + float64(rng.IntN(2))/2
		}
		slices.Sort(edges)
		edges = slices.Compact(edges)
		for v := -1.0; v < float64(n)+2; v += 0.25 {
			want := 0
			for _, e := range edges {
				if e <= v {
					want++
				}
			}
			if got := binOf(edges, v); got != want {
				t.Fatalf("binOf(%v, %v) = %d, want %d", edges, v, got, want)
			}
		}
	}
}

func TestBaselineBuildersMerge(t *testing.T) {
	schema := Schema{Task: TaskBinary, Numeric: []string{"x", "flag"}, Categorical: []string{"c"}}
	rng := rand.New(rand.NewPCG(9, 10))
	whole, _ := NewBaselineBuilder(schema)
	halves := [2]*BaselineBuilder{}
	halves[0], _ = NewBaselineBuilder(schema)
	halves[1], _ = NewBaselineBuilder(schema)
	for i := range 20000 {
		r := Row{Num: []float64{rng.NormFloat64(), float64(rng.IntN(2))}, Cat: []string{[]string{"a", "b"}[rng.IntN(2)]},
			Score: rng.Float64(), Label: float64(rng.IntN(2)), Labeled: true}
		whole.Add(&r)
		halves[i%2].Add(&r)
	}
	halves[0].Merge(halves[1])
	a, b := whole.Profile(), halves[0].Profile()
	if a.Numeric[0].Count != b.Numeric[0].Count || !slices.Equal(a.Numeric[1].Values, b.Numeric[1].Values) ||
		math.Abs(a.Numeric[0].Std-b.Numeric[0].Std) > 1e-12 || !slices.Equal(a.Categories[0].Values, b.Categories[0].Values) {
		t.Fatal("merged builders must profile like one builder")
	}
	for i, q := range a.Numeric[0].Quantiles {
		if math.Abs(q-b.Numeric[0].Quantiles[i]) > 0.01 {
			t.Errorf("quantile %d: %v whole vs %v merged", i+1, q, b.Numeric[0].Quantiles[i])
		}
	}
}

func TestBinIndexAgreesWithBinarySearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, edges := range [][]float64{
		quantileEdges(func() []float64 {
			q := make([]float64, 99)
			for i := range q {
				q[i] = math.Pow(float64(i+1)/100, 8) * 1e6 // dense at the bottom, sparse above
			}
			return q
		}()),
		pointEdges([]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
		scoreEdges(0.5, NumericStats{Count: 3, Values: []float64{0, 0.25, 1}}),
	} {
		index := newBinIndex(edges)
		lo, hi := edges[0]-1, edges[len(edges)-1]+1
		for range 20000 {
			v := lo + rng.Float64()*(hi-lo)
			if rng.IntN(4) == 0 {
				v = edges[rng.IntN(len(edges))] // on an edge
			}
			if got, want := index.find(edges, v), binOf(edges, v); got != want {
				t.Fatalf("find(%v) = %d, binOf = %d", v, got, want)
			}
		}
	}
}
