package engine

import "math"

// binIndex finds a value's bin in a few steps instead of a binary search: a
// uniform grid over the edges' range keeps, per cell, a bin at or below
// that of any value in the cell, and a short forward scan finishes. Values
// outside the grid, and dense stretches of edges, fall back to binOf.
type binIndex struct {
	lo, scale float64
	cells     []int32
	edges     int // len(edges) the grid was built for
}

// binIndexMinEdges: below this a binary search is as fast.
const binIndexMinEdges = 16

func newBinIndex(edges []float64) binIndex {
	n := len(edges)
	if n < binIndexMinEdges {
		return binIndex{}
	}
	span := edges[n-1] - edges[0]
	if !(span > 0) || math.IsInf(span, 0) {
		return binIndex{}
	}
	b := binIndex{lo: edges[0], scale: float64(4*n) / span, cells: make([]int32, 4*n), edges: n}
	for i := range b.cells {
		// half a cell to the left, so rounding in find never lands past it
		b.cells[i] = int32(binOf(edges, b.lo+(float64(i)-0.5)/b.scale))
	}
	return b
}

// find is binOf(edges, v) for the edges the index was built for.
func (b *binIndex) find(edges []float64, v float64) int {
	if b.cells == nil || b.edges != len(edges) {
		return binOf(edges, v)
	}
	x := (v - b.lo) * b.scale
	if !(x >= 0) || x >= float64(len(b.cells)) {
		return binOf(edges, v)
	}
	i := int(b.cells[int(x)])
	for step := 0; i < len(edges) && edges[i] <= v; step++ {
		if step == 4 {
			return i + binOf(edges[i:], v)
		}
		i++
	}
	return i
}
