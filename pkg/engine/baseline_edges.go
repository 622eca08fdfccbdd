package engine

import (
	"math"
	"slices"
)

// Bin edges. A numeric summary counts values in bins [Edges[i−1], Edges[i])
// with open first and last bins, so no value is dropped. Two edges v and
// up(v) make a point bin that holds exactly v: that is how a constant or
// discrete feature keeps "= c" apart from "> c", and how a score that many
// rows share (0, 1, a rounded value) is counted as a tie rather than mixed
// with its neighbours.

// up is the next float64 above v: [v, up(v)) holds v alone.
func up(v float64) float64 { return math.Nextafter(v, math.Inf(1)) }

// isPointBin tells whether [lo, hi) holds a single value.
func isPointBin(lo, hi float64) bool { return hi == up(lo) }

// pointEdges gives each of the ascending distinct values its own bin; the
// gaps between them (values the baseline never had) get bins of their own.
func pointEdges(values []float64) []float64 {
	edges := make([]float64, 0, 2*len(values))
	for _, v := range values {
		edges = append(edges, v, up(v))
	}
	return edges
}

// quantileEdges turns ascending quantiles into distinct edges. A value that
// two consecutive quantiles share holds at least one quantile step of the
// rows, so it gets a point bin of its own.
func quantileEdges(quantiles []float64) []float64 {
	var edges []float64
	for i, q := range quantiles {
		if math.IsNaN(q) {
			continue
		}
		if i > 0 && q == quantiles[i-1] {
			edges = withPoint(edges, q)
			continue
		}
		edges = withEdge(edges, q)
	}
	return edges
}

// withEdge inserts v into ascending edges unless present.
func withEdge(edges []float64, v float64) []float64 {
	i, found := slices.BinarySearch(edges, v)
	if found {
		return edges
	}
	return slices.Insert(edges, i, v)
}

// withPoint makes [v, up(v)) a bin of its own.
func withPoint(edges []float64, v float64) []float64 {
	return withEdge(withEdge(edges, v), up(v))
}

// binOf is the bin of v: the number of edges at or below it. The search
// halves a window whose start moves by a conditional add, which the
// compiler turns into a branch-free move: the summarizer's hottest loop.
func binOf(edges []float64, v float64) int {
	n := len(edges)
	if n == 0 {
		return 0
	}
	base := 0
	for n > 1 {
		half := n >> 1
		if edges[base+half-1] <= v {
			base += half
		}
		n -= half
	}
	if edges[base] <= v {
		return base + 1
	}
	return base
}
