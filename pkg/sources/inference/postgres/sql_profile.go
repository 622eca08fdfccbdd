package postgres

import (
	"strconv"
	"strings"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// profiledValue is a profiled column's value where its filter keeps the
// row, NULL elsewhere.
func profiledValue(t *logstore.Table, p logstore.Profiled) string {
	v := num(p.Column)
	keep := finite(v)
	switch p.Filter {
	case logstore.FilterScore:
		keep = v + " >= 0 AND " + v + " <= 1"
	case logstore.FilterPositive, logstore.FilterNegative:
		if t.Label == nil {
			return "NULL::float8"
		}
		op := " >= 0.5"
		if p.Filter == logstore.FilterNegative {
			op = " < 0.5"
		}
		keep = v + " >= 0 AND " + v + " <= 1 AND " + labeled(t.Label) + " AND " + labelNumber(t.Label) + op
	}
	return "CASE WHEN " + keep + " THEN " + v + " END"
}

// profileSQL measures every profiled column of the reference window in
// one statement: count, range, mean, population std, the quantiles at
// logstore.Fractions (percentile_cont: linear interpolation) and the
// distinct count.
func profileSQL(relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled) *query {
	q := &query{}
	fractions := q.arg(logstore.Fractions()) + "::float8[]"
	var sel, inner []string
	for i, p := range cols {
		v := "v" + strconv.Itoa(i)
		sel = append(sel, "count("+v+")", "min("+v+")", "max("+v+")", "avg("+v+")", "stddev_pop("+v+")",
			"percentile_cont("+fractions+") WITHIN GROUP (ORDER BY "+v+")", "count(DISTINCT "+v+")")
		inner = append(inner, profiledValue(t, p)+" AS "+v)
	}
	if len(cols) == 0 {
		sel = append(sel, "count(*)")
		inner = append(inner, "1")
	}
	q.printf("SELECT %s FROM (SELECT %s FROM %s t", strings.Join(sel, ", "), strings.Join(inner, ", "), relation)
	q.where(t, model, []sources.Window{ref})
	q.printf(") s")
	return q
}

// valuesSQL lists the distinct values of the profiled columns that have
// few (by index into cols).
func valuesSQL(relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled, which []int) *query {
	q := &query{}
	var ks, vs []string
	for _, i := range which {
		ks = append(ks, strconv.Itoa(i))
		vs = append(vs, profiledValue(t, cols[i]))
	}
	q.printf("SELECT k, v FROM (SELECT unnest('{%s}'::int[]) AS k, unnest(ARRAY[%s]::float8[]) AS v FROM %s t", strings.Join(ks, ","), strings.Join(vs, ", "), relation)
	q.printf("")
	q.where(t, model, []sources.Window{ref})
	q.printf(") s WHERE v IS NOT NULL GROUP BY k, v ORDER BY k, v")
	return q
}

// categoriesSQL lists each categorical feature's values in the reference
// window, most frequent first (ties in byte order, as the engine sorts),
// one more than MaxKnownCategories so truncation shows.
func categoriesSQL(relation string, t *logstore.Table, model string, ref sources.Window) *query {
	q := &query{}
	var ks, cs []string
	for i := range t.Categorical {
		ks = append(ks, strconv.Itoa(i))
		cs = append(cs, "NULLIF("+text(&t.Categorical[i])+", '')")
	}
	q.printf("SELECT k, c FROM (SELECT k, c, row_number() OVER (PARTITION BY k ORDER BY count(*) DESC, c COLLATE \"C\") AS r FROM (")
	q.printf("SELECT unnest('{%s}'::int[]) AS k, unnest(ARRAY[%s]::text[]) AS c FROM %s t", strings.Join(ks, ","), strings.Join(cs, ", "), relation)
	q.where(t, model, []sources.Window{ref})
	q.printf(") s WHERE c IS NOT NULL GROUP BY k, c) g WHERE r <= %d ORDER BY k, r", engine.MaxKnownCategories+1)
	return q
}
