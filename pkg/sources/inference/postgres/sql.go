package postgres

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// query builds one statement: identifiers are names the database listed,
// quoted; every value is a bound parameter.
type query struct {
	sql  strings.Builder
	args []any
}

// arg binds v and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *query) printf(format string, a ...any) { fmt.Fprintf(&q.sql, format, a...) }

// ident quotes an identifier (doubling any quote in it).
func ident(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// col is a column of the scanned table, aliased t.
func col(c *logstore.Column) string { return "t." + ident(c.Name) }

// num reads a number column as float8.
func num(c *logstore.Column) string { return col(c) + "::float8" }

// text reads a column as text.
func text(c *logstore.Column) string { return col(c) + "::text" }

// finite is true for finite numbers (NULL and NaN are not: SQL sorts NaN
// above +Infinity).
func finite(x string) string {
	return "(" + x + " > '-Infinity'::float8 AND " + x + " < 'Infinity'::float8)"
}

// labeled is true once a row's label has arrived: not NULL, nor NaN.
func labeled(c *logstore.Column) string {
	switch {
	case c == nil:
		return "false"
	case c.Class == logstore.ClassFloat:
		return "(" + col(c) + " IS NOT NULL AND " + num(c) + " <> 'NaN'::float8)"
	}
	return "(" + col(c) + " IS NOT NULL)"
}

// labelNumber reads a binary or regression label as float8.
func labelNumber(c *logstore.Column) string {
	if c.Class == logstore.ClassBool {
		return "(CASE WHEN " + col(c) + " THEN 1.0 ELSE 0.0 END)::float8"
	}
	return num(c)
}

// timeArg binds a time as the time column's type expects: UTC for a
// timestamp without time zone.
func (q *query) timeArg(timeCol *logstore.Column, t time.Time) string {
	return q.arg(t.UTC()) + "::" + timeType(timeCol)
}

func timeType(c *logstore.Column) string {
	if c.Type == "timestamp without time zone" {
		return "timestamp"
	}
	return "timestamptz"
}

// where restricts the scan to the model's rows in the runs.
func (q *query) where(t *logstore.Table, model string, runs []sources.Window) {
	q.printf(" WHERE %s = %s", col(&t.Model), q.arg(model))
	if len(runs) == 0 {
		return
	}
	q.printf(" AND (")
	for i, r := range runs {
		if i > 0 {
			q.printf(" OR ")
		}
		q.printf("(%s >= %s AND %s < %s)", col(&t.Time), q.timeArg(&t.Time, r.From), col(&t.Time), q.timeArg(&t.Time, r.To))
	}
	q.printf(")")
}
