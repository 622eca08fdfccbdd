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

// momentsSQL measures each profiled column's count, range, mean,
// population std and distinct count in the reference window.
func momentsSQL(relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled) string {
	sel := []string{"count()"}
	for _, p := range cols {
		v, keep := profiled(t, p)
		sel = append(sel, fmt.Sprintf("countIf(%s)", keep), fmt.Sprintf("minIf(%s, %s)", v, keep), fmt.Sprintf("maxIf(%s, %s)", v, keep),
			fmt.Sprintf("avgIf(%s, %s)", v, keep), fmt.Sprintf("stddevPopStableIf(%s, %s)", v, keep), fmt.Sprintf("uniqExactIf(%s, %s)", v, keep))
	}
	return fmt.Sprintf("SELECT %s FROM %s%s FORMAT RowBinary", strings.Join(sel, ", "), relation, where(t, model, []sources.Window{ref}))
}

// ranks are the 0-based order statistics a column's quantiles need:
// percentile_cont interpolates between ranks ⌊q(n−1)⌋ and ⌈q(n−1)⌉.
func ranks(n int64) []int64 {
	var out []int64
	for _, q := range logstore.Fractions() {
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

// orderSQL fetches, for each profiled column with values, the order
// statistics its quantiles need and, when it has few, its distinct values.
func orderSQL(relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled, counts, distinct []int64) string {
	sel := []string{"count()"}
	for i, p := range cols {
		if counts[i] == 0 {
			continue
		}
		v, keep := profiled(t, p)
		var levels []string
		for _, j := range ranks(counts[i]) {
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
// logstore.Fractions, as percentile_cont does.
func quantiles(n int64, order []float64) ([]float64, error) {
	rk := ranks(n)
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
