package clickhouse

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// noBin stands for SQL's NULL bin (missing value, no bin for the part).
const noBin = -1000000

// logLossClip is the engine's clip of probabilities before the log loss.
const logLossClip = 2.220446049250313e-16

// The summaries statement reads the table once: every row becomes one
// element per part (ARRAY JOIN) keyed by one integer — (interval − 1) × the
// number of codes of the SELECT's parts + the part's offset among them +
// the row's code in the part (bin, label state, outcome) — and the elements
// are grouped by key, and by category for text parts; so on a Distributed
// table the shards aggregate and only groups travel. Numeric features, the
// bulk of the parts, are unfolded with only the arrays they need (key,
// offset from the bin's anchor, value); the other parts in a second SELECT
// of the same statement (UNION ALL), with category and sums. Old servers
// have no -Resample combinator to aggregate every bin of a part without
// unfolding, and a GROUP BY per part (a UNION ALL of one SELECT per part)
// costs as much and keeps starting its branches after a KILL. Each SELECT
// returns
//
//	select, key, category, count, avg(d), varPop(d), min(v), max(v), sum(x), sum(y)
//
// Values that do not vary are written after the aggregation
// (materialize), not aggregated. Expressions are written out rather than
// aliased (old servers resolve aliases in place; the server computes
// repeated text once), but for the codes, which are read twice.

// partScan is how one part's rows are keyed and measured.
type partScan struct {
	part   int
	codes  int    // codes a row may have
	offset int    // the part's first code in its SELECT's key space
	code   string // the row's code (0 ≤ code < codes)
	cat    string // the category (String), or "" for none
	d, v   string // Float64 expressions averaged (d) and ranged (v), or "" for NaN
	x, y   string // Float64 expressions summed, or "" for 0
	// decode reads a code back as logstore's bin and label category.
	decode func(code int) (bin int, hasBin bool, cat string)
}

// scanPlan is a query's statement and how to read its keys back.
type scanPlan struct {
	selects []*unfolded
	sql     string
}

// unfolded is one SELECT of the statement: its parts by offset and the
// number of codes of them all; key = (interval − 1) × codes + offset + code.
type unfolded struct {
	parts []*partScan
	codes int
}

// part finds the part a key's code belongs to and the code within it.
func (u *unfolded) part(code int) (*partScan, int) {
	i := sort.Search(len(u.parts), func(i int) bool { return u.parts[i].offset > code }) - 1
	p := u.parts[max(i, 0)]
	return p, code - p.offset
}

// summariesSQL lays out the statement of a query.
func summariesSQL(relation string, plan *logstore.Plan, iv *logstore.Intervals, model string) *scanPlan {
	numeric, other := &unfolded{}, &unfolded{}
	for k := range plan.Parts {
		p := partOf(plan, k)
		u := other
		if plan.Parts[k].Kind == logstore.PartNumeric {
			u = numeric
		}
		p.offset = u.codes
		u.codes += p.codes
		u.parts = append(u.parts, p)
	}
	t := plan.Table
	w := where(t, model, iv.ScanRuns())
	sp := &scanPlan{}
	var selects []string
	for _, u := range []*unfolded{numeric, other} {
		if len(u.parts) == 0 {
			continue
		}
		selects = append(selects, u.sql(len(sp.selects), relation, w, intervalOf(&t.Time, iv, u.codes), iv.Count(), u == other))
		sp.selects = append(sp.selects, u)
	}
	sp.sql = strings.Join(selects, " UNION ALL ") + " FORMAT RowBinary"
	return sp
}

// sql unfolds the parts of one SELECT: full unfolds category and sums too.
// The key is as narrow as the intervals and codes allow (a 16-bit key is
// looked up in a plain array).
func (u *unfolded) sql(index int, relation, where, window string, intervals int, full bool) string {
	typ := "toUInt64"
	switch size := uint64(u.codes) * uint64(intervals); {
	case size <= 1<<16:
		typ = "toUInt16"
	case size <= 1<<32:
		typ = "toUInt32"
	}
	arrays := map[string][]string{}
	add := func(name, expr string) { arrays[name] = append(arrays[name], expr) }
	for _, p := range u.parts {
		add("_k", fmt.Sprintf("%s(_wk - %d + %s)", typ, u.codes-p.offset, or(p.code, "0")))
		add("_d", "toFloat64("+or(p.d, "nan")+")")
		add("_v", "toFloat64("+or(p.v, "nan")+")")
		if full {
			add("_c", "toString("+or(p.cat, "''")+")")
			add("_x", "toFloat64("+or(p.x, "0")+")")
			add("_y", "toFloat64("+or(p.y, "0")+")")
		}
	}
	names := []string{"_k", "_d", "_v"}
	if full {
		names = append(names, "_c", "_x", "_y")
	}
	var join []string
	for i, n := range names {
		arr := "[" + strings.Join(arrays[n], ", ") + "]"
		if i == 0 {
			// The row's interval times codes, named where it is first read.
			arr = strings.Replace(arr, "_wk", "("+window+" AS _wk)", 1)
		}
		join = append(join, arr+" AS "+n)
	}
	if full {
		return fmt.Sprintf("SELECT toUInt8(%d), toUInt64(_k), _c, count(), avg(_d), varPop(_d), min(_v), max(_v), sum(_x), sum(_y) FROM %s ARRAY JOIN %s%s GROUP BY _k, _c",
			index, relation, strings.Join(join, ", "), where)
	}
	return fmt.Sprintf("SELECT toUInt8(%d), toUInt64(_k), materialize(''), count(), avg(_d), varPop(_d), min(_v), max(_v), materialize(toFloat64(0)), materialize(toFloat64(0)) FROM %s ARRAY JOIN %s%s GROUP BY _k",
		index, relation, strings.Join(join, ", "), where)
}

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// paren keeps an expression whole wherever it is pasted.
func paren(expr string) string { return "(" + expr + ")" }

// bucket bins x (a Float64 expression, not NULL) over a part's edges, as
// width_bucket would: NaN sorts last, ±Inf at the ends. Scores are binned
// on the score grid, which parts the edges crowding next to 0 and 1.
func bucket(name string, edges []float64, x string, scores bool) string {
	finite := edges[:len(edges)-1] // the NaN sentinel: NaN is tested apart
	values := make([]string, len(finite))
	for i, e := range finite {
		values[i] = floatLiteral(e)
	}
	search := atOrBelow(name, values, "nan", x)
	if g, ok := newScoreGrid(finite); ok && scores {
		search = g.count(name, g.cellSQL(x), values, "nan", x)
	} else if g, ok := newFloatGrid(finite); ok {
		search = g.count(name, g.cellSQL(x), values, "nan", x)
	}
	return fmt.Sprintf("if(isNaN(%s), toInt64(%d), %s)", x, len(edges), search)
}

// binCodes reads a bin code back: missing is the code of a NULL value.
func binCodes(missing int) func(int) (int, bool, string) {
	return func(c int) (int, bool, string) {
		if c == missing {
			return noBin, false, ""
		}
		return c, true, ""
	}
}

// partOf writes the expressions of one part as logstore's plan lays them out.
func partOf(plan *logstore.Plan, k int) *partScan {
	t := plan.Table
	p := &plan.Parts[k]
	switch p.Kind {
	case logstore.PartNumeric:
		x := paren(num(p.Column))
		missing := len(p.Edges) + 1
		// The code is named where the key holds it and read back for the
		// offset (the anchor of a missing value's code is out of range: 0).
		alias := fmt.Sprintf("_n%d", k)
		return &partScan{
			part: k, codes: missing + 1, decode: binCodes(missing),
			code: fmt.Sprintf("(if(%s, toInt64(%d), %s) AS %s)", paren(isNull(p.Column)), missing, bucket(fmt.Sprint(k), p.Edges, x, false), alias),
			d:    fmt.Sprintf("%s - %s[%s + 1]", x, paren(floatArray(p.Anchors)), alias),
			v:    x,
		}
	case logstore.PartCategorical:
		return &partScan{part: k, codes: 1, cat: text(p.Column), decode: func(int) (int, bool, string) { return noBin, false, "" }}
	case logstore.PartScore:
		score := paren(num(p.Column))
		missing := len(p.Edges) + 1
		bin := fmt.Sprintf("if(%s, toInt64(%d), %s)", paren(isNull(p.Column)), missing, bucket(fmt.Sprint(k), p.Edges, score, true))
		s := &partScan{part: k, codes: missing + 1, code: bin, d: score, decode: binCodes(missing)}
		if t.Label != nil {
			lab := labeled(t.Label)
			pos := "(" + num(t.Label) + " >= 0.5)"
			usable := fmt.Sprintf("(%s AND NOT %s AND %s >= 0 AND %s <= 1)", lab, isNull(p.Column), score, score)
			clipped := fmt.Sprintf("least(greatest(%s, %s), 1 - %s)", score, floatLiteral(logLossClip), floatLiteral(logLossClip))
			// The label state (0 unlabeled, 1 negative, 2 positive) is part of the code.
			s.codes *= 3
			s.code = fmt.Sprintf("(%s) * 3 + if(%s, if(%s, 2, 1), 0)", bin, lab, pos)
			s.decode = func(c int) (int, bool, string) {
				bin, has, _ := binCodes(missing)(c / 3)
				return bin, has, [...]string{"", logstore.LabelNegative, logstore.LabelPositive}[c%3]
			}
			s.x = fmt.Sprintf("if(%s, if(%s, -log(%s), -log(1 - %s)), 0)", usable, pos, clipped, clipped)
			s.y = fmt.Sprintf("if(%s, if(%s, (%s - 1) * (%s - 1), %s * %s), 0)", usable, pos, score, score, score, score)
		}
		return s
	case logstore.PartGroup:
		score := num(t.Output)
		usable := fmt.Sprintf("(NOT %s AND %s >= 0 AND %s <= 1)", isNull(t.Output), score, score)
		state := "0"
		if t.Label != nil {
			state = fmt.Sprintf("if(%s, if(%s >= 0.5, 2, 1), 0)", labeled(t.Label), num(t.Label))
		}
		unusable := logstore.GroupCode(1, 2) + 1
		g := text(p.Column)
		return &partScan{
			part: k, codes: unusable + 1, decode: binCodes(unusable),
			code: fmt.Sprintf("if(%s, (%s >= %s) + 2 * %s, %d)", usable, score, floatLiteral(plan.Baseline.Schema.Threshold), state, unusable),
			cat:  fmt.Sprintf("if(%s = '', %s, %s)", g, stringLiteral(logstore.MissingGroup), g),
		}
	case logstore.PartMulticlass:
		n := len(plan.Baseline.Schema.Classes)
		low := -logstore.MulticlassBadLabeled // codes start at MulticlassBadLabeled
		return &partScan{
			part: k, codes: low + n + n*n + n, code: fmt.Sprintf("(%s + %d)", multiclassCode(t, plan.Baseline.Schema.Classes), low),
			decode: func(c int) (int, bool, string) { return c - low, true, "" },
		}
	case logstore.PartRegression, logstore.PartPercent:
		unlabeled := func(int) (int, bool, string) { return noBin, false, "" }
		if t.Label == nil {
			return &partScan{part: k, codes: 1, decode: unlabeled}
		}
		pred, target, lab := num(t.Output), num(t.Label), labeled(t.Label)
		usable := fmt.Sprintf("(NOT %s AND %s AND %s)", isNull(t.Output), finite(pred), finite(target))
		// Code 0 is the NULL bin; the others are logstore's.
		decode := func(c int) (int, bool, string) {
			if c == 0 {
				return noBin, false, ""
			}
			return c, true, ""
		}
		if p.Kind == logstore.PartRegression {
			ok := fmt.Sprintf("(%s AND %s)", lab, usable)
			v := fmt.Sprintf("if(%s, %s, nan)", ok, target)
			return &partScan{
				part: k, codes: logstore.RegressionUnusable + 1, decode: decode,
				code: fmt.Sprintf("if(%s, if(%s, %d, %d), 0)", lab, usable, logstore.RegressionUsable, logstore.RegressionUnusable),
				d:    v, v: v,
				x: fmt.Sprintf("if(%s, abs(%s - %s), 0)", ok, pred, target),
				y: fmt.Sprintf("if(%s, (%s - %s) * (%s - %s), 0)", ok, pred, target, pred, target),
			}
		}
		cond := fmt.Sprintf("(%s AND %s AND %s != 0)", lab, usable, target)
		return &partScan{
			part: k, codes: logstore.RegressionUsable + 1, decode: decode,
			code: fmt.Sprintf("if(%s, %d, 0)", cond, logstore.RegressionUsable),
			x:    fmt.Sprintf("if(%s, abs((%s - %s) / %s), 0)", cond, pred, target, target),
		}
	}
	return &partScan{part: k, codes: 1, decode: func(int) (int, bool, string) { return noBin, false, "" }}
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
