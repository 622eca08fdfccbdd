package clickhouse

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// atOrBelowCount is what every search must give: the number of edges at
// or below x (SQL's width_bucket).
func atOrBelowCount[T int64 | float64](edges []T, x T) int {
	n := 0
	for _, e := range edges {
		if e <= x {
			n++
		}
	}
	return n
}

// gridCount is the grid's SQL evaluated in Go: the count of edges in lower
// cells, plus one comparison per edge the row's cell may hold.
func gridCount[T int64 | float64](g grid, cell int, edges []T, x T) int {
	base := g.below[cell]
	n := base
	for i := 0; i < g.most; i++ {
		if base+i < len(edges) && edges[base+i] <= x {
			n++
		}
	}
	return n
}

// Edges of every shape a baseline makes: spread, clustered, far fences,
// the −MaxFloat64 and +Inf sentinels, a single value.
func edgeSets(r *rand.Rand) [][]float64 {
	sets := [][]float64{{0, 1}, {5}, {-math.MaxFloat64, -3, 0, 2, math.Inf(1)}}
	for i := range 60 {
		var e []float64
		scale := math.Pow(10, float64(r.IntN(10)-3))
		for range 1 + r.IntN(150) {
			switch i % 4 {
			case 0:
				e = append(e, r.NormFloat64()*scale)
			case 1:
				e = append(e, math.Exp(r.NormFloat64()))
			case 2:
				e = append(e, float64(r.IntN(20)))
			default: // a cluster near 0 and a spread tail
				e = append(e, 1e-9*float64(r.IntN(100)), r.Float64()*scale)
			}
		}
		e = append(e, -math.MaxFloat64, math.Inf(1), -3*scale, 5*scale)
		slices.Sort(e)
		sets = append(sets, slices.Compact(e))
	}
	return sets
}

func TestFloatGridCountsTheEdgesAtOrBelow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	used := 0
	for _, edges := range edgeSets(r) {
		g, ok := newFloatGrid(edges)
		if !ok {
			continue
		}
		used++
		xs := []float64{math.Inf(-1), math.Inf(1), -math.MaxFloat64, math.MaxFloat64, 0, math.Copysign(0, -1)}
		for _, e := range edges {
			xs = append(xs, e, math.Nextafter(e, math.Inf(1)), math.Nextafter(e, math.Inf(-1)))
		}
		for range 2000 {
			xs = append(xs, r.NormFloat64()*math.Pow(10, float64(r.IntN(12)-4)))
		}
		for _, x := range xs {
			if got, want := gridCount(g.grid, g.cellOf(x), edges, x), atOrBelowCount(edges, x); got != want {
				t.Fatalf("edges %v: x = %v counts %d, want %d", edges, x, got, want)
			}
		}
	}
	if used < 10 {
		t.Errorf("only %d edge sets got a grid", used)
	}
}

func TestIntGridAndStepsFindTheInterval(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	day := int64(86400)
	sets := [][]int64{
		{1000, 2000},
		{1793280837, 1793318400, 1793404800, 1793491200, 1793577600, 1793664000, 1793672837},
		{0, day, 2 * day, 3 * day},
		{5, 7, 1000, 1000000},
	}
	for range 30 {
		b := []int64{r.Int64N(1e9)}
		for range 1 + r.IntN(40) {
			b = append(b, b[len(b)-1]+1+r.Int64N(3*day))
		}
		sets = append(sets, b)
	}
	for _, bounds := range sets {
		var ts []int64
		for _, b := range bounds[:len(bounds)-1] {
			ts = append(ts, b, b+1, b-1)
		}
		for range 500 {
			ts = append(ts, bounds[0]+r.Int64N(bounds[len(bounds)-1]-bounds[0]))
		}
		// The scan reads times from the first bound to the last only.
		ts = slices.DeleteFunc(ts, func(t int64) bool { return t < bounds[0] || t >= bounds[len(bounds)-1] })
		if g, ok := newIntGrid(bounds); ok {
			for _, x := range ts {
				if got, want := gridCount(g.grid, g.cellOf(x), bounds, x), atOrBelowCount(bounds, x); got != want {
					t.Fatalf("bounds %v: t = %d counts %d, want %d", bounds, x, got, want)
				}
			}
		}
		if s, ok := newSteps(bounds); ok {
			for _, x := range ts {
				if got, want := s.interval[(x-s.origin)/s.width], atOrBelowCount(bounds, x); got != want {
					t.Fatalf("bounds %v: t = %d is in interval %d, want %d", bounds, x, got, want)
				}
			}
		}
	}
	if _, ok := newSteps(sets[1]); !ok {
		t.Error("daily windows between two unaligned ends get no steps")
	}
}

// Score edges crowd next to 0 and 1, where a uniform grid cannot part
// them; the score grid does.
func TestScoreGridCountsTheEdgesAtOrBelow(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		e := []float64{0, 0.5, 1, math.Nextafter(1, 2)}
		for range 50 + r.IntN(350) {
			switch k := math.Pow(10, -float64(1+r.IntN(12))) * r.Float64(); r.IntN(3) {
			case 0:
				e = append(e, k)
			case 1:
				e = append(e, 1-k)
			default:
				e = append(e, r.Float64())
			}
		}
		slices.Sort(e)
		edges := slices.Compact(e)
		if _, ok := newFloatGrid(edges); ok {
			t.Fatal("a uniform grid parts scores crowding next to 0 and 1: the case is not tested")
		}
		g, ok := newScoreGrid(edges)
		if !ok {
			t.Fatalf("no score grid for %d edges", len(edges))
		}
		xs := []float64{math.Inf(-1), -1, math.Copysign(0, -1), 0.5, 1, 1.5, math.Inf(1)}
		for _, v := range edges {
			xs = append(xs, v, math.Nextafter(v, 2), math.Nextafter(v, -1))
		}
		for range 2000 {
			xs = append(xs, r.Float64(), 1-math.Pow(10, -12*r.Float64()), math.Pow(10, -12*r.Float64()))
		}
		for _, x := range xs {
			if got, want := gridCount(g.grid, g.cellOf(scoreKey(x)), edges, x), atOrBelowCount(edges, x); got != want {
				t.Fatalf("x = %v counts %d, want %d", x, got, want)
			}
		}
	}
}
