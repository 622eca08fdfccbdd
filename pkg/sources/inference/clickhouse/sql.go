package clickhouse

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// Values reach the SQL as literals that cannot be read as anything else:
// strings travel hex-encoded (unhex), so no quote, backslash or escape
// rule of any server version can change them; numbers are the plan's own
// float64s, printed in the shortest form that reads back bit for bit.
// Query parameters ({name:Type}) would be the natural binding, but the
// 18.16 server Debian ships predates them. Identifiers are names the
// server listed, in backquotes.

// ident quotes an identifier.
func ident(name string) string {
	return "`" + strings.NewReplacer(`\`, `\\`, "`", "\\`").Replace(name) + "`"
}

// stringLiteral is s as a hex-encoded string.
func stringLiteral(s string) string { return "unhex('" + hex.EncodeToString([]byte(s)) + "')" }

// floatLiteral is v as a Float64 literal that reads back bit for bit:
// the shortest decimal that round-trips (servers parse it with a correctly
// rounded strtod), nan and ±inf by name, always with a point or exponent
// so that it is not an integer literal; subnormals bit for bit.
func floatLiteral(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	case v != 0 && math.Abs(v) < 0x1p-1022:
		// Old servers refuse subnormal literals (strtod's ERANGE).
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		return "reinterpretAsFloat64(unhex('" + hex.EncodeToString(b[:]) + "'))"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// floatArray is an Array(Float64) literal: one constant, parsed once (an
// expression per element costs old servers seconds to analyse).
func floatArray(vs []float64) string {
	if len(vs) == 0 {
		return "emptyArrayFloat64()"
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = floatLiteral(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func stringArray(vs []string) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = stringLiteral(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// col is a column of the scanned table.
func col(c *logstore.Column) string { return ident(c.Name) }

// isNull is true for a NULL of a Nullable column.
func isNull(c *logstore.Column) string {
	if c.Nullable {
		return "isNull(" + col(c) + ")"
	}
	return "0"
}

// present is the column's value with NULL taken out.
func present(c *logstore.Column) string {
	if c.Nullable {
		return "assumeNotNull(" + col(c) + ")"
	}
	return col(c)
}

// num reads a number column as Float64 (0 for NULL: test isNull first).
func num(c *logstore.Column) string {
	if c.Class == logstore.ClassBool {
		return "toFloat64(toUInt8(" + present(c) + "))"
	}
	return "toFloat64(" + present(c) + ")"
}

// text reads a column as a String, "" for NULL.
func text(c *logstore.Column) string {
	if c.Nullable {
		return "ifNull(toString(" + col(c) + "), '')"
	}
	return "toString(" + col(c) + ")"
}

// finite is 1 for a finite number.
func finite(x string) string { return "(isFinite(" + x + "))" }

// labeled is 1 once a row's label has arrived: not NULL, nor NaN.
func labeled(c *logstore.Column) string {
	switch {
	case c == nil:
		return "0"
	case c.Class == logstore.ClassFloat:
		return "(NOT " + isNull(c) + " AND NOT isNaN(" + num(c) + "))"
	}
	return "(NOT " + isNull(c) + ")"
}

// isDateTime64 tells a sub-second time column.
func isDateTime64(c *logstore.Column) bool { return strings.Contains(c.Type, "DateTime64") }

// timeValue is a time as the time column compares it: whole seconds for a
// DateTime (rounded up, so "ts < t" keeps the rows of t's own second),
// nanoseconds for a DateTime64.
func timeValue(c *logstore.Column, t time.Time) int64 {
	if isDateTime64(c) {
		return t.UnixNano()
	}
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}

// timeLiteral is a time typed as the time column.
func timeLiteral(c *logstore.Column, t time.Time) string {
	if isDateTime64(c) {
		return "fromUnixTimestamp64Nano(toInt64(" + strconv.FormatInt(t.UnixNano(), 10) + "))"
	}
	return "toDateTime(" + strconv.FormatInt(timeValue(c, t), 10) + ")"
}

// timeNumber is the time column as timeValue's number.
func timeNumber(c *logstore.Column) string {
	if isDateTime64(c) {
		return "toUnixTimestamp64Nano(" + col(c) + ")"
	}
	return "toInt64(toUInt32(" + col(c) + "))"
}

// timeOf reads timeNumber's number back.
func timeOf(c *logstore.Column, n int64) time.Time {
	if isDateTime64(c) {
		return time.Unix(0, n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

// where restricts the scan to the model's rows in the runs.
func where(t *logstore.Table, model string, runs []sources.Window) string {
	var b strings.Builder
	fmt.Fprintf(&b, " WHERE %s = %s", col(&t.Model), stringLiteral(model))
	if len(runs) == 0 {
		return b.String()
	}
	b.WriteString(" AND (")
	for i, r := range runs {
		if i > 0 {
			b.WriteString(" OR ")
		}
		fmt.Fprintf(&b, "(%s >= %s AND %s < %s)", col(&t.Time), timeLiteral(&t.Time, r.From), col(&t.Time), timeLiteral(&t.Time, r.To))
	}
	b.WriteString(")")
	return b.String()
}

// search counts the elements of an ascending array that are at or below
// x, as SQL's width_bucket does, without a lambda (old servers lose the
// columns a lambda captures in grouped queries): sorted descending with x
// added, the first x stands after the elements above it. array is a column
// of the level below (old servers expand aliases in place); x is not NaN.
func search(array string, size int, x string) string {
	return fmt.Sprintf("toInt64(%d - indexOf(arrayReverseSort(arrayPushBack(%s, %s)), %s))", size+1, array, x, x)
}

// intervalOf finds each row's interval among the query's window bounds (1
// for the first, as width_bucket numbers them): defs go in the level that
// reads the table, the expression in the level above it.
func intervalOf(timeCol *logstore.Column, iv *logstore.Intervals) (defs []string, expr string) {
	bounds := make([]int64, len(iv.Bounds))
	for i, b := range iv.Bounds {
		bounds[i] = timeValue(timeCol, b)
	}
	parts := make([]string, len(bounds))
	for i, b := range bounds {
		parts[i] = "toInt64(" + strconv.FormatInt(b, 10) + ")"
	}
	defs = []string{"[" + strings.Join(parts, ", ") + "] AS _wb", timeNumber(timeCol) + " AS _tn"}
	return defs, search("_wb", len(bounds), "_tn")
}
