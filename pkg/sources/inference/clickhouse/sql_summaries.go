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

// scan builds the summaries statement: the inner level reads the table
// and computes every value and array, the next bins them and builds each
// part's tuple, the outer one groups the tuples.
type scan struct {
	defs   []string // inner level: values and arrays
	finals []string // bins and offsets
	tuples []string
}

func (s *scan) def(expr, alias string) string {
	s.defs = append(s.defs, expr+" AS "+alias)
	return alias
}

func (s *scan) final(expr, alias string) string {
	s.finals = append(s.finals, expr+" AS "+alias)
	return alias
}

// bucket bins x (a Float64 alias, not NULL) over a part's edges, as
// width_bucket would: NaN sorts last, ±Inf at the ends.
func (s *scan) bucket(k int, edges []float64, x string) string {
	finiteEdges := edges[:len(edges)-1] // the NaN sentinel: NaN is tested apart
	terms := make([]string, len(finiteEdges))
	for i, e := range finiteEdges {
		terms[i] = fmt.Sprintf("(%s >= %s)", x, floatLiteral(e))
	}
	return fmt.Sprintf("if(isNaN(%s), toInt64(%d), toInt64(%s))", x, len(edges), balancedSum(terms))
}

// balancedSum adds terms in a balanced tree: a chain of hundreds would
// pass the server's limit on the syntax tree's depth.
func balancedSum(terms []string) string {
	switch len(terms) {
	case 0:
		return "0"
	case 1:
		return terms[0]
	}
	h := len(terms) / 2
	return "(" + balancedSum(terms[:h]) + " + " + balancedSum(terms[h:]) + ")"
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
	defs, win := intervalOf(&t.Time, iv)
	s.defs = append(s.defs, defs...)
	for k := range plan.Parts {
		p := &plan.Parts[k]
		switch p.Kind {
		case logstore.PartNumeric:
			x := s.def(num(p.Column), fmt.Sprintf("_x%d", k))
			null := s.def(isNull(p.Column), fmt.Sprintf("_z%d", k))
			anchors := s.def(floatArray(p.Anchors), fmt.Sprintf("_a%d", k))
			bin := s.final(fmt.Sprintf("if(%s, toInt64(%d), %s)", null, noBin, s.bucket(k, p.Edges, x)), fmt.Sprintf("_n%d", k))
			d := s.final(fmt.Sprintf("%s - if(%s < 0, 0, %s[%s + 1])", x, bin, anchors, bin), fmt.Sprintf("_d%d", k))
			s.tuple(k, bin, x, "''", d, "0", "0")
		case logstore.PartCategorical:
			s.tuple(k, strconv.Itoa(noBin), nan, s.def(text(p.Column), fmt.Sprintf("_c%d", k)), nan, "0", "0")
		case logstore.PartScore:
			score := s.def(num(p.Column), fmt.Sprintf("_x%d", k))
			null := s.def(isNull(p.Column), fmt.Sprintf("_z%d", k))
			bin := s.final(fmt.Sprintf("if(%s, toInt64(%d), %s)", null, noBin, s.bucket(k, p.Edges, score)), fmt.Sprintf("_n%d", k))
			c, x, y := "''", "0", "0"
			if t.Label != nil {
				lab := labeled(t.Label)
				pos := "(" + num(t.Label) + " >= 0.5)"
				usable := fmt.Sprintf("(%s AND NOT %s AND %s >= 0 AND %s <= 1)", lab, isNull(p.Column), score, score)
				clipped := fmt.Sprintf("least(greatest(%s, %s), 1 - %s)", score, floatLiteral(logLossClip), floatLiteral(logLossClip))
				c = s.def(fmt.Sprintf("if(%s, if(%s, '1', '0'), '')", lab, pos), fmt.Sprintf("_c%d", k))
				x = s.def(fmt.Sprintf("if(%s, if(%s, -log(%s), -log(1 - %s)), 0)", usable, pos, clipped, clipped), fmt.Sprintf("_l%d", k))
				y = s.def(fmt.Sprintf("if(%s, if(%s, (%s - 1) * (%s - 1), %s * %s), 0)", usable, pos, score, score, score, score), fmt.Sprintf("_q%d", k))
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
			c := s.def(fmt.Sprintf("if(%s = '', %s, %s)", g, stringLiteral(logstore.MissingGroup), g), fmt.Sprintf("_c%d", k))
			bin := s.def(fmt.Sprintf("if(%s, (%s >= %s) + 2 * %s, %d)", usable, score, floatLiteral(plan.Baseline.Schema.Threshold), state, noBin), fmt.Sprintf("_n%d", k))
			s.tuple(k, bin, nan, c, nan, "0", "0")
		case logstore.PartMulticlass:
			s.tuple(k, s.def(multiclassCode(t, plan.Baseline.Schema.Classes), fmt.Sprintf("_n%d", k)), nan, "''", nan, "0", "0")
		case logstore.PartRegression, logstore.PartPercent:
			if t.Label == nil {
				s.tuple(k, strconv.Itoa(noBin), nan, "''", nan, "0", "0")
				break
			}
			pred, target, lab := num(t.Output), num(t.Label), labeled(t.Label)
			usable := fmt.Sprintf("(NOT %s AND %s AND %s)", isNull(t.Output), finite(pred), finite(target))
			if p.Kind == logstore.PartRegression {
				ok := fmt.Sprintf("(%s AND %s)", lab, usable)
				bin := s.def(fmt.Sprintf("if(%s, if(%s, 1, 2), %d)", lab, usable, noBin), fmt.Sprintf("_n%d", k))
				v := s.def(fmt.Sprintf("if(%s, %s, nan)", ok, target), fmt.Sprintf("_x%d", k))
				x := s.def(fmt.Sprintf("if(%s, abs(%s - %s), 0)", ok, pred, target), fmt.Sprintf("_l%d", k))
				y := s.def(fmt.Sprintf("if(%s, (%s - %s) * (%s - %s), 0)", ok, pred, target, pred, target), fmt.Sprintf("_q%d", k))
				s.tuple(k, bin, v, "''", v, x, y)
			} else {
				cond := fmt.Sprintf("(%s AND %s AND %s != 0)", lab, usable, target)
				bin := s.def(fmt.Sprintf("if(%s, 1, %d)", cond, noBin), fmt.Sprintf("_n%d", k))
				x := s.def(fmt.Sprintf("if(%s, abs((%s - %s) / %s), 0)", cond, pred, target, target), fmt.Sprintf("_l%d", k))
				s.tuple(k, bin, nan, "''", nan, x, "0")
			}
		}
	}
	inner := fmt.Sprintf("SELECT %s FROM %s%s", strings.Join(s.defs, ", "), relation, where(t, model, iv.ScanRuns()))
	last := fmt.Sprintf("SELECT %s, [%s] AS _ps FROM (%s)", strings.Join(append(s.finals, win+" AS _win"), ", "), strings.Join(s.tuples, ", "), inner)
	return "SELECT toInt32(_win), _p.1 AS k, _p.2 AS b, _p.4 AS c, count(), avg(_p.5), varPop(_p.5), min(_p.3), max(_p.3), sum(_p.6), sum(_p.7)" +
		" FROM (" + last + ") ARRAY JOIN _ps AS _p GROUP BY _win, k, b, c FORMAT RowBinary"
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
