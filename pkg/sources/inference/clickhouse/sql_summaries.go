package clickhouse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// noBin stands for SQL's NULL bin (missing value, no bin for the part).
const noBin = -1000000

// logLossClip is the engine's clip of probabilities before the log loss.
const logLossClip = 2.220446049250313e-16

// scan builds the summaries statement: one level that reads the table,
// turns every row into one tuple per part (ARRAY JOIN) and groups them,
// so that on a Distributed table the shards aggregate and only groups
// travel. Expressions are written out rather than aliased (old servers
// resolve aliases in place; the server computes repeated text once), but
// for the numeric bins, which are long and read twice.
type scan struct {
	tuples []string
}

// paren keeps an expression whole wherever it is pasted.
func paren(expr string) string { return "(" + expr + ")" }

// bucket bins x (a Float64 expression, not NULL) over a part's edges, as
// width_bucket would: NaN sorts last, ±Inf at the ends.
func (s *scan) bucket(k int, edges []float64, x string) string {
	finite := edges[:len(edges)-1] // the NaN sentinel: NaN is tested apart
	values := make([]string, len(finite))
	for i, e := range finite {
		values[i] = floatLiteral(e)
	}
	return fmt.Sprintf("if(isNaN(%s), toInt64(%d), %s)", x, len(edges), atOrBelow(strconv.Itoa(k), values, "nan", x))
}

// tuple adds a part's tuple (k, bin, v, category, d, x, y).
func (s *scan) tuple(k int, bin, v, c, d, x, y string) {
	s.tuples = append(s.tuples, fmt.Sprintf("tuple(toInt32(%d), toInt32(%s), toFloat64(%s), toString(%s), toFloat64(%s), toFloat64(%s), toFloat64(%s))", k, bin, v, c, d, x, y))
}

// summariesSQL is the one scan of a query: every row becomes one tuple per
// part (ARRAY JOIN), grouped by interval, part, bin and category.
func summariesSQL(relation string, plan *logstore.Plan, iv *logstore.Intervals, model string) string {
	t := plan.Table
	s := &scan{}
	nan := "nan"
	for k := range plan.Parts {
		p := &plan.Parts[k]
		switch p.Kind {
		case logstore.PartNumeric:
			x := paren(num(p.Column))
			null := paren(isNull(p.Column))
			anchors := paren(floatArray(p.Anchors))
			// The bin is named where the tuple holds it and read back for the
			// offset (the anchor of a missing value's bin is out of range: 0).
			alias := fmt.Sprintf("_n%d", k)
			bin := fmt.Sprintf("(if(%s, toInt64(%d), %s) AS %s)", null, noBin, s.bucket(k, p.Edges, x), alias)
			d := fmt.Sprintf("(%s - %s[%s + 1])", x, anchors, alias)
			s.tuple(k, bin, x, "''", d, "0", "0")
		case logstore.PartCategorical:
			s.tuple(k, strconv.Itoa(noBin), nan, paren(text(p.Column)), nan, "0", "0")
		case logstore.PartScore:
			score := paren(num(p.Column))
			null := paren(isNull(p.Column))
			bin := paren(fmt.Sprintf("if(%s, toInt64(%d), %s)", null, noBin, s.bucket(k, p.Edges, score)))
			c, x, y := "''", "0", "0"
			if t.Label != nil {
				lab := labeled(t.Label)
				pos := "(" + num(t.Label) + " >= 0.5)"
				usable := fmt.Sprintf("(%s AND NOT %s AND %s >= 0 AND %s <= 1)", lab, isNull(p.Column), score, score)
				clipped := fmt.Sprintf("least(greatest(%s, %s), 1 - %s)", score, floatLiteral(logLossClip), floatLiteral(logLossClip))
				c = paren(fmt.Sprintf("if(%s, if(%s, '1', '0'), '')", lab, pos))
				x = paren(fmt.Sprintf("if(%s, if(%s, -log(%s), -log(1 - %s)), 0)", usable, pos, clipped, clipped))
				y = paren(fmt.Sprintf("if(%s, if(%s, (%s - 1) * (%s - 1), %s * %s), 0)", usable, pos, score, score, score, score))
			}
			s.tuple(k, bin, score, c, score, x, y)
		case logstore.PartGroup:
			score := num(t.Output)
			usable := fmt.Sprintf("(NOT %s AND %s >= 0 AND %s <= 1)", isNull(t.Output), score, score)
			state := "0"
			if t.Label != nil {
				state = fmt.Sprintf("if(%s, if(%s >= 0.5, 2, 1), 0)", labeled(t.Label), num(t.Label))
			}
			g := text(p.Column)
			c := paren(fmt.Sprintf("if(%s = '', %s, %s)", g, stringLiteral(logstore.MissingGroup), g))
			bin := paren(fmt.Sprintf("if(%s, (%s >= %s) + 2 * %s, %d)", usable, score, floatLiteral(plan.Baseline.Schema.Threshold), state, noBin))
			s.tuple(k, bin, nan, c, nan, "0", "0")
		case logstore.PartMulticlass:
			s.tuple(k, paren(multiclassCode(t, plan.Baseline.Schema.Classes)), nan, "''", nan, "0", "0")
		case logstore.PartRegression, logstore.PartPercent:
			if t.Label == nil {
				s.tuple(k, strconv.Itoa(noBin), nan, "''", nan, "0", "0")
				break
			}
			pred, target, lab := num(t.Output), num(t.Label), labeled(t.Label)
			usable := fmt.Sprintf("(NOT %s AND %s AND %s)", isNull(t.Output), finite(pred), finite(target))
			if p.Kind == logstore.PartRegression {
				ok := fmt.Sprintf("(%s AND %s)", lab, usable)
				bin := paren(fmt.Sprintf("if(%s, if(%s, 1, 2), %d)", lab, usable, noBin))
				v := paren(fmt.Sprintf("if(%s, %s, nan)", ok, target))
				x := paren(fmt.Sprintf("if(%s, abs(%s - %s), 0)", ok, pred, target))
				y := paren(fmt.Sprintf("if(%s, (%s - %s) * (%s - %s), 0)", ok, pred, target, pred, target))
				s.tuple(k, bin, v, "''", v, x, y)
			} else {
				cond := fmt.Sprintf("(%s AND %s AND %s != 0)", lab, usable, target)
				bin := paren(fmt.Sprintf("if(%s, 1, %d)", cond, noBin))
				x := paren(fmt.Sprintf("if(%s, abs((%s - %s) / %s), 0)", cond, pred, target, target))
				s.tuple(k, bin, nan, "''", nan, x, "0")
			}
		}
	}
	return fmt.Sprintf("SELECT toInt32(%s) AS _win, _p.1 AS k, _p.2 AS b, _p.4 AS c, count(), avg(_p.5), varPop(_p.5), min(_p.3), max(_p.3), sum(_p.6), sum(_p.7)"+
		" FROM %s ARRAY JOIN [%s] AS _p%s GROUP BY _win, k, b, c FORMAT RowBinary",
		intervalOf(&t.Time, iv), relation, strings.Join(s.tuples, ", "), where(t, model, iv.ScanRuns()))
}

// multiclassCode encodes a multiclass row's predicted and actual classes
// (logstore's multiclass codes); classes are matched as text.
func multiclassCode(t *logstore.Table, classes []string) string {
	k := len(classes)
	arr := stringArray(classes)
	pred := fmt.Sprintf("(toInt32(indexOf(%s, %s)) - 1)", arr, text(t.Output))
	if t.Label == nil {
		return fmt.Sprintf("if(%s < 0, %d, %s)", pred, logstore.MulticlassBadUnlabeled, pred)
	}
	actual := fmt.Sprintf("(toInt32(indexOf(%s, %s)) - 1)", arr, text(t.Label))
	lab := labeled(t.Label)
	return fmt.Sprintf("if(%s < 0, if(%s, %d, %d), if(NOT %s, %s, if(%s < 0, %d + %s, %d + %s * %d + %s)))",
		pred, lab, logstore.MulticlassBadLabeled, logstore.MulticlassBadUnlabeled, lab, pred, actual, k+k*k, pred, k, actual, k, pred)
}

// distinctSQL lists the smallest distinct finite values of one column in
// one interval, for the rare window whose bins could not tell.
func distinctSQL(relation string, t *logstore.Table, model string, p logstore.Probe) string {
	v := num(p.Column)
	return fmt.Sprintf("SELECT DISTINCT %s AS v FROM %s%s AND %s >= %s AND %s < %s AND NOT %s AND isFinite(%s) ORDER BY v LIMIT %d FORMAT RowBinary",
		v, relation, where(t, model, nil), col(&t.Time), timeLiteral(&t.Time, p.From), col(&t.Time), timeLiteral(&t.Time, p.To), isNull(p.Column), v, logstore.DistinctProbeLimit)
}
