package postgres

import (
	"strconv"
	"strings"

	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// logLossClip is the engine's clip of probabilities before the log loss.
const logLossClip = 2.220446049250313e-16

// summariesSQL is the one scan of a query: each row of the model in the
// windows becomes one tuple per part (unnest in the select list, zipped),
// and the tuples are grouped by interval, part, bin and category.
func summariesSQL(relation string, plan *logstore.Plan, iv *logstore.Intervals, model string) *query {
	q := &query{}
	t := plan.Table
	var anchors []float64
	var ks, offsets, bins, values, cats, xs, ys []string
	for k := range plan.Parts {
		p := &plan.Parts[k]
		ks = append(ks, strconv.Itoa(k))
		offset, b, v, c, x, y := "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"
		switch p.Kind {
		case logstore.PartNumeric:
			offset = strconv.Itoa(len(anchors))
			anchors = append(anchors, p.Anchors...)
			v = num(p.Column)
			b = "width_bucket(" + v + ", " + q.arg(p.Edges) + "::float8[])"
		case logstore.PartCategorical:
			c = "NULLIF(" + text(p.Column) + ", '')"
		case logstore.PartScore:
			score := num(p.Column)
			v = score
			b = "width_bucket(" + score + ", " + q.arg(p.Edges) + "::float8[])"
			if t.Label != nil {
				lab, y1 := labeled(t.Label), labelNumber(t.Label)+" >= 0.5"
				usable := lab + " AND " + score + " >= 0 AND " + score + " <= 1"
				clipped := "LEAST(GREATEST(" + score + ", " + q.arg(logLossClip) + "::float8), 1 - " + q.arg(logLossClip) + "::float8)"
				c = "CASE WHEN " + lab + " THEN CASE WHEN " + y1 + " THEN '1' ELSE '0' END END"
				x = "CASE WHEN " + usable + " THEN CASE WHEN " + y1 + " THEN -ln(" + clipped + ") ELSE -ln(1 - " + clipped + ") END END"
				y = "CASE WHEN " + usable + " THEN CASE WHEN " + y1 + " THEN (" + score + " - 1) * (" + score + " - 1) ELSE " + score + " * " + score + " END END"
			}
		case logstore.PartGroup:
			score := num(t.Output)
			state := "0"
			if t.Label != nil {
				state = "CASE WHEN " + labeled(t.Label) + " THEN CASE WHEN " + labelNumber(t.Label) + " >= 0.5 THEN 2 ELSE 1 END ELSE 0 END"
			}
			c = "COALESCE(NULLIF(" + text(p.Column) + ", ''), " + q.arg(logstore.MissingGroup) + ")"
			b = "CASE WHEN " + score + " >= 0 AND " + score + " <= 1 THEN (" + score + " >= " + q.arg(plan.Baseline.Schema.Threshold) + "::float8)::int + 2 * (" + state + ") END"
		case logstore.PartMulticlass:
			b = multiclassCode(q, t, plan.Baseline.Schema.Classes)
		case logstore.PartRegression, logstore.PartPercent:
			if t.Label == nil {
				break
			}
			pred, lab, target := num(t.Output), labeled(t.Label), labelNumber(t.Label)
			usable := finite(pred) + " AND " + finite(target)
			if p.Kind == logstore.PartRegression {
				b = "CASE WHEN " + lab + " THEN CASE WHEN " + usable + " THEN 1 ELSE 2 END END"
				v = "CASE WHEN " + lab + " AND " + usable + " THEN " + target + " END"
				x = "CASE WHEN " + lab + " AND " + usable + " THEN abs(" + pred + " - " + target + ") END"
				y = "CASE WHEN " + lab + " AND " + usable + " THEN (" + pred + " - " + target + ") * (" + pred + " - " + target + ") END"
			} else {
				cond := lab + " AND " + usable + " AND " + target + " <> 0"
				b = "CASE WHEN " + cond + " THEN 1 END"
				x = "CASE WHEN " + cond + " THEN abs((" + pred + " - " + target + ") / " + target + ") END"
			}
		}
		offsets, bins, values, cats, xs, ys = append(offsets, offset), append(bins, b), append(values, v), append(cats, c), append(xs, x), append(ys, y)
	}
	anchorArg := q.arg(anchors)
	q.printf("SELECT w, k, b, c, count(*), avg(d), var_pop(d), min(v), max(v), sum(x), sum(y) FROM (")
	q.printf("SELECT w, k, b, c, v, v - COALESCE((%s::float8[])[o + b + 1], 0) AS d, x, y FROM (", anchorArg)
	q.printf("SELECT width_bucket(%s, %s::%s[]) AS w", col(&t.Time), q.arg(iv.Bounds), timeType(&t.Time))
	q.printf(", unnest('{%s}'::int[]) AS k", strings.Join(ks, ","))
	q.printf(", unnest('{%s}'::int[]) AS o", strings.Join(offsets, ","))
	q.printf(", unnest(ARRAY[%s]::int[]) AS b", strings.Join(bins, ", "))
	q.printf(", unnest(ARRAY[%s]::float8[]) AS v", strings.Join(values, ", "))
	q.printf(", unnest(ARRAY[%s]::text[]) AS c", strings.Join(cats, ", "))
	q.printf(", unnest(ARRAY[%s]::float8[]) AS x", strings.Join(xs, ", "))
	q.printf(", unnest(ARRAY[%s]::float8[]) AS y", strings.Join(ys, ", "))
	q.printf(" FROM %s t", relation)
	q.where(t, model, iv.ScanRuns())
	q.printf(") p) s GROUP BY w, k, b, c")
	return q
}

// multiclassCode encodes a multiclass row's predicted and actual classes
// (logstore's multiclass codes); classes are matched as text.
func multiclassCode(q *query, t *logstore.Table, classes []string) string {
	k := len(classes)
	arg := q.arg(classes) + "::text[]"
	pred := "(array_position(" + arg + ", " + text(t.Output) + ") - 1)"
	if t.Label == nil {
		return "CASE WHEN " + pred + " IS NULL THEN " + strconv.Itoa(logstore.MulticlassBadUnlabeled) + " ELSE " + pred + " END"
	}
	actual := "(array_position(" + arg + ", " + text(t.Label) + ") - 1)"
	lab := labeled(t.Label)
	return "CASE WHEN " + pred + " IS NULL THEN CASE WHEN " + lab + " THEN " + strconv.Itoa(logstore.MulticlassBadLabeled) + " ELSE " + strconv.Itoa(logstore.MulticlassBadUnlabeled) + " END" +
		" WHEN NOT " + lab + " THEN " + pred +
		" WHEN " + actual + " IS NULL THEN " + strconv.Itoa(k+k*k) + " + " + pred +
		" ELSE " + strconv.Itoa(k) + " + " + actual + " * " + strconv.Itoa(k) + " + " + pred + " END"
}

// distinctSQL lists the smallest distinct finite values of one column in
// one interval, for the rare window whose bins could not tell.
func distinctSQL(relation string, t *logstore.Table, model string, p logstore.Probe) *query {
	q := &query{}
	v := num(p.Column)
	q.printf("SELECT DISTINCT %s AS v FROM %s t", v, relation)
	q.where(t, model, nil)
	q.printf(" AND %s >= %s AND %s < %s AND %s ORDER BY v LIMIT %d", col(&t.Time), q.timeArg(&t.Time, p.From), col(&t.Time), q.timeArg(&t.Time, p.To), finite(v), logstore.DistinctProbeLimit)
	return q
}
