package clickhouse

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// profiled is a profiled column's value and the test that keeps it.
func profiled(t *logstore.Table, p logstore.Profiled) (value, keep string) {
	v := num(p.Column)
	notNull := "NOT " + isNull(p.Column)
	switch p.Filter {
	case logstore.FilterScore:
		return v, fmt.Sprintf("(%s AND %s >= 0 AND %s <= 1)", notNull, v, v)
	case logstore.FilterPositive, logstore.FilterNegative:
		if t.Label == nil {
			return v, "0"
		}
		op := ">= 0.5"
		if p.Filter == logstore.FilterNegative {
			op = "< 0.5"
		}
		return v, fmt.Sprintf("(%s AND %s >= 0 AND %s <= 1 AND %s AND %s %s)", notNull, v, v, labeled(t.Label), num(t.Label), op)
	}
	return v, fmt.Sprintf("(%s AND isFinite(%s))", notNull, v)
}

// uniqUpToMax is the largest threshold uniqUpTo takes.
const uniqUpToMax = 100

// momentsSQL measures each profiled column's count, range, mean,
// population std and whether it has at most MaxValues distinct values.
// The distinct count is exact up to MaxValues and only says "more" past
// it: uniqUpTo keeps a handful of values, where an exact count of every
// value hashes the whole window; past uniqUpTo's limit, uniq hashes values
// into a bounded set — exact while it holds them all but for hash
// collisions, which can only lower the count, so a column it finds
// discrete has its values listed and counted exactly by orderSQL.
func momentsSQL(relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled) string {
	sel := []string{"count()"}
	for _, p := range cols {
		v, keep := profiled(t, p)
		distinct := fmt.Sprintf("uniqIf(%s, %s)", v, keep)
		if p.MaxValues <= uniqUpToMax {
			distinct = fmt.Sprintf("uniqUpToIf(%d)(%s, %s)", p.MaxValues, v, keep)
		}
		sel = append(sel, fmt.Sprintf("countIf(%s)", keep), fmt.Sprintf("minIf(%s, %s)", v, keep), fmt.Sprintf("maxIf(%s, %s)", v, keep),
			fmt.Sprintf("avgIf(%s, %s)", v, keep), fmt.Sprintf("stddevPopStableIf(%s, %s)", v, keep), distinct)
	}
	return fmt.Sprintf("SELECT %s FROM %s%s FORMAT RowBinary", strings.Join(sel, ", "), relation, where(t, model, []sources.Window{ref}))
}

// fractionsOf are the quantile levels a column uses: its k-quantiles and
// the quartiles (each an element of logstore.Fractions, computed alike).
func fractionsOf(p logstore.Profiled) []float64 {
	out := []float64{0.25, 0.75}
	for i := 1; i < p.Quantiles; i++ {
		out = append(out, float64(i)/float64(p.Quantiles))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ranks are the 0-based order statistics a column's quantiles need:
// percentile_cont interpolates between ranks ⌊q(n−1)⌋ and ⌈q(n−1)⌉. Each
// rank asked for costs the server a pass over the values above it, so a
// column asks only for its own levels.
func ranks(n int64, fractions []float64) []int64 {
	var out []int64
	for _, q := range fractions {
		pos := q * float64(n-1)
		out = append(out, int64(math.Floor(pos)), int64(math.Ceil(pos)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// levelOf is the quantileExact level that returns rank j of n values
// (the function returns the value at ⌊level·n⌋).
func levelOf(j, n int64) string {
	return strconv.FormatFloat((float64(j)+0.5)/float64(n), 'f', 17, 64)
}

// orderSQL fetches, for the profiled columns which lists (each with
// values), the order statistics their quantiles need and, when they have
// few, their distinct values.
func orderSQL(relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled, which []int, counts, distinct []int64) string {
	sel := []string{"count()"}
	for _, i := range which {
		p := cols[i]
		v, keep := profiled(t, p)
		var levels []string
		for _, j := range ranks(counts[i], fractionsOf(p)) {
			levels = append(levels, levelOf(j, counts[i]))
		}
		sel = append(sel, fmt.Sprintf("quantilesExactIf(%s)(%s, %s)", strings.Join(levels, ", "), v, keep))
		if distinct[i] <= int64(p.MaxValues) {
			sel = append(sel, fmt.Sprintf("arraySort(groupUniqArrayIf(%s, %s))", v, keep))
		}
	}
	return fmt.Sprintf("SELECT %s FROM %s%s FORMAT RowBinary", strings.Join(sel, ", "), relation, where(t, model, []sources.Window{ref}))
}

// quantiles interpolates the order statistics into the quantiles at
// logstore.Fractions, as percentile_cont does; levels the column does not
// use are NaN.
func quantiles(n int64, p logstore.Profiled, order []float64) ([]float64, error) {
	own := fractionsOf(p)
	rk := ranks(n, own)
	if len(order) != len(rk) {
		return nil, fmt.Errorf("%d order statistics came back for %d asked", len(order), len(rk))
	}
	at := func(j int64) float64 {
		i, _ := slices.BinarySearch(rk, j)
		return order[i]
	}
	fr := logstore.Fractions()
	out := make([]float64, len(fr))
	for i, q := range fr {
		if _, ok := slices.BinarySearch(own, q); !ok {
			out[i] = math.NaN()
			continue
		}
		pos := q * float64(n-1)
		lo, hi := math.Floor(pos), math.Ceil(pos)
		a := at(int64(lo))
		if lo == hi {
			out[i] = a
			continue
		}
		out[i] = a + (at(int64(hi))-a)*(pos-lo)
	}
	return out, nil
}

// categoriesSQL lists each categorical feature's values in the reference
// window, most frequent first (ties in byte order, as the engine sorts),
// one more than MaxKnownCategories so truncation shows.
func categoriesSQL(relation string, t *logstore.Table, model string, ref sources.Window) string {
	var tuples []string
	for i := range t.Categorical {
		tuples = append(tuples, fmt.Sprintf("tuple(toInt32(%d), %s)", i, text(&t.Categorical[i])))
	}
	return fmt.Sprintf("SELECT _c.1 AS k, _c.2 AS c, count() AS n FROM (SELECT [%s] AS _cs FROM %s%s) ARRAY JOIN _cs AS _c WHERE c != '' GROUP BY k, c ORDER BY k, n DESC, c LIMIT %d BY k FORMAT RowBinary",
		strings.Join(tuples, ", "), relation, where(t, model, []sources.Window{ref}), engine.MaxKnownCategories+1)
}
