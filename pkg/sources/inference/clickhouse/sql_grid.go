package clickhouse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A grid bins a row in a handful of vectorised operations whatever the
// number of edges: the row's cell on a uniform grid over the edges (one
// subtraction, multiplication and floor), the count of edges in lower
// cells looked up in a constant array, and one comparison for each edge
// the row's own cell may hold. The cell is monotone in the value, so
// every edge in a lower cell is below the value and every edge in a
// higher cell above it; the server and Go compute the cell with the same
// IEEE operations, so Go knows which edges share a cell.
type grid struct {
	below []int // per cell: the number of edges in lower cells
	most  int   // the most edges one cell holds
}

// maxCells bounds a grid's lookup table: the statement carries it once per
// part, and old servers take longer to analyse a longer statement.
const maxCells = 1 << 12

// newGrid lays cells over sorted edges given each edge's cell (0..cells-1).
func newGrid(n, cells int, cellOf func(i int) int) grid {
	count := make([]int, cells)
	for i := 0; i < n; i++ {
		count[cellOf(i)]++
	}
	g := grid{below: make([]int, cells)}
	for c := 1; c < cells; c++ {
		g.below[c] = g.below[c-1] + count[c-1]
	}
	for _, k := range count {
		g.most = max(g.most, k)
	}
	return g
}

// worthIt tells whether the grid beats the blocked search of atOrBelow
// (about 3√n operations a row against 3 a candidate edge).
func (g grid) worthIt(n int) bool { return g.most*g.most <= max(n, 4) }

// count is the number of edges at or below x: cell the row's cell (SQL,
// 0-based), edges the SQL literals in ascending order, pad a literal no x
// reaches. name keeps the aliases of a statement apart.
func (g grid) count(name, cell string, edges []string, pad, x string) string {
	ints := make([]string, len(g.below))
	for i, b := range g.below {
		ints[i] = strconv.Itoa(b)
	}
	padded := append(append([]string(nil), edges...), slicesRepeat(pad, g.most)...)
	base := "_l" + name
	terms := []string{fmt.Sprintf("([%s][%s + 1] AS %s)", strings.Join(ints, ", "), cell, base)}
	at := "_e" + name
	for i := 1; i <= g.most; i++ {
		arr := at
		if i == 1 {
			arr = "([" + strings.Join(padded, ", ") + "] AS " + at + ")"
		}
		terms = append(terms, fmt.Sprintf("(%s[%s + %d] <= %s)", arr, base, i, x))
	}
	return "toInt64(" + strings.Join(terms, " + ") + ")"
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// floatGrid is a grid of cells ⌊(x − lo)·scale⌋ over the edges, clamped to
// [−1, cells−2] and shifted to start at 0.
type floatGrid struct {
	grid
	lo, scale float64
	cells     int
}

func (f floatGrid) cellOf(x float64) int {
	t := math.Floor(float64(x-f.lo) * f.scale)
	t = math.Max(math.Min(t, float64(f.cells-2)), -1)
	return int(t) + 1
}

func (f floatGrid) cellSQL(x string) string {
	return fmt.Sprintf("toUInt32(greatest(least(floor((%s - %s) * %s), %s), -1.0) + 1)", x, floatLiteral(f.lo), floatLiteral(f.scale), floatLiteral(float64(f.cells-2)))
}

// newFloatGrid fits a grid to ascending, non-NaN edges: up to 32 cells an
// edge, spread over the edges that are neither infinite nor the
// −MaxFloat64 sentinel. ok is false when no grid beats the search.
func newFloatGrid(edges []float64) (floatGrid, bool) {
	var inner []float64
	for _, e := range edges {
		if math.Abs(e) < math.MaxFloat64 {
			inner = append(inner, e)
		}
	}
	if len(inner) < 2 {
		inner = []float64{0, 1}
	}
	span := inner[len(inner)-1] - inner[0]
	var best floatGrid
	found := false
	for cells := 2 * len(edges); cells <= 32*len(edges)+2 && cells <= maxCells; cells *= 2 {
		f := floatGrid{lo: inner[0], scale: float64(cells-2) / span, cells: cells}
		if math.IsNaN(f.scale) || math.IsInf(f.scale, 0) || f.scale <= 0 {
			break
		}
		f.grid = newGrid(len(edges), cells, func(i int) int { return f.cellOf(edges[i]) })
		if !found || f.most < best.most {
			best, found = f, true
		}
		if best.most <= 2 {
			break
		}
	}
	return best, found && best.worthIt(len(edges))
}

// intGrid is a grid of cells (t − lo) / width over integer edges, clamped
// to [−1, cells−2] and shifted to start at 0.
type intGrid struct {
	grid
	lo, width int64
	cells     int
}

func (g intGrid) cellOf(t int64) int {
	c := (t - g.lo) / g.width
	return int(max(min(c, int64(g.cells-2)), -1)) + 1
}

func (g intGrid) cellSQL(t string) string {
	// Typed: a positive literal reads as unsigned, and intDiv of a negative
	// number by an unsigned one divides unsigned.
	return fmt.Sprintf("toUInt32(greatest(least(intDiv(%s - toInt64(%d), toInt64(%d)), %d), -1) + 1)", t, g.lo, g.width, g.cells-2)
}

// newIntGrid fits a grid to ascending integer edges (window bounds).
func newIntGrid(edges []int64) (intGrid, bool) {
	if len(edges) < 2 {
		return intGrid{}, false
	}
	return fitIntGrid(edges, edges[0], edges[len(edges)-1])
}

// fitIntGrid spreads cells from lo to hi over ascending integer edges.
func fitIntGrid(edges []int64, lo, hi int64) (intGrid, bool) {
	span := hi - lo
	var best intGrid
	found := false
	for cells := len(edges) + 1; cells <= 32*len(edges)+2 && cells <= maxCells; cells *= 2 {
		g := intGrid{lo: lo, width: max(1, (span+int64(cells)-3)/int64(cells-2)), cells: cells}
		g.grid = newGrid(len(edges), cells, func(i int) int { return g.cellOf(edges[i]) })
		if !found || g.most < best.most {
			best, found = g, true
		}
		if best.most <= 2 {
			break
		}
	}
	return best, found && best.worthIt(len(edges))
}

// Scores cluster next to 0 and to 1 (1 − 1e-9, 1 − 1e-10, …), where no
// uniform grid parts them. A score grid is a grid over scoreKey: the
// score's bits below 0.5 and, mirrored, the bits of 1 − score above it —
// in integers, so the server and Go agree, and as fine next to 1 as
// floats are next to 0.

// half2 is twice the bits of 0.5: scoreKey(1).
var half2 = 2 * int64(math.Float64bits(0.5))

// scoreKey is the score's key: monotone in the score, scores clamped to [0, 1].
func scoreKey(x float64) int64 {
	y := math.Min(math.Max(x, 0), 1) + 0 // −0 reads as +0
	if y < 0.5 {
		return int64(math.Float64bits(y))
	}
	return half2 - int64(math.Float64bits(1-y)) // exact: 0.5 ≤ y ≤ 1
}

func scoreKeySQL(x string) string {
	bits := func(v string) string { return "toInt64(reinterpretAsUInt64(reinterpretAsString(" + v + ")))" }
	y := fmt.Sprintf("(least(greatest(%s, 0.0), 1.0) + 0.0)", x)
	return fmt.Sprintf("if(%s < 0.5, %s, %d - %s)", y, bits(y), half2, bits("1.0 - "+y))
}

// scoreGrid is an integer grid over the keys of scores.
type scoreGrid struct{ intGrid }

func (g scoreGrid) cellSQL(x string) string { return g.intGrid.cellSQL(scoreKeySQL(x)) }

// newScoreGrid fits a grid to ascending, non-NaN edges within [0, 1⁺]
// (a score part's), spread over the keys of the edges strictly between 0
// and 1.
func newScoreGrid(edges []float64) (scoreGrid, bool) {
	keys := make([]int64, len(edges))
	var inner []int64
	for i, e := range edges {
		if e < 0 || e > math.Nextafter(1, 2) {
			return scoreGrid{}, false
		}
		keys[i] = scoreKey(e)
		if e > 0 && e < 1 {
			inner = append(inner, keys[i])
		}
	}
	if len(inner) < 2 {
		return scoreGrid{}, false
	}
	g, ok := fitIntGrid(keys, inner[0], inner[len(inner)-1])
	return scoreGrid{g}, ok
}

// maxSteps bounds the lookup table of intervals by step.
const maxSteps = 4096

// steps is a grid on which every bound but the first and last lies on a
// step boundary: a time t between the first and last bound is in interval
// interval[(t − origin) / width].
type steps struct {
	origin, width int64
	interval      []int
}

// newSteps fits steps to ascending bounds: the width is the greatest
// common divisor of the inner bounds' distances, the origin the step
// boundary at or below the first bound.
func newSteps(bounds []int64) (steps, bool) {
	n := len(bounds)
	if n < 2 {
		return steps{}, false
	}
	var width int64
	for i := 2; i < n-1; i++ {
		width = gcd(width, bounds[i]-bounds[1])
	}
	if width == 0 { // at most one inner bound: one step to it
		width = bounds[n-1] - bounds[0]
	}
	origin := bounds[0]
	if n > 2 {
		origin = bounds[1] - (bounds[1]-bounds[0]+width-1)/width*width
	}
	count := (bounds[n-1] - origin + width - 1) / width
	if width <= 0 || count > maxSteps {
		return steps{}, false
	}
	s := steps{origin: origin, width: width, interval: make([]int, count)}
	next := 1 // the first inner bound not yet passed
	for c := range s.interval {
		start := origin + int64(c)*width
		for next < n-1 && bounds[next] <= start {
			next++
		}
		s.interval[c] = next
	}
	return s, true
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
