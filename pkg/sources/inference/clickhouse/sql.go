package clickhouse

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
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

// atOrBelow counts the ascending values (SQL literals) at or below x, as
// width_bucket does. Old servers have no width_bucket and lose columns a
// lambda captures here, so the search is written out: the values padded
// with pad (which no x reaches) into blocks of about √n; x's block is the
// number of block ends at or below it, its place in the block the number
// of that block's values at or below it — about 3√n operations a row
// instead of n. name makes the block's and array's aliases unique.
func atOrBelow(name string, values []string, pad, x string) string {
	size := int(math.Ceil(math.Sqrt(float64(len(values) + 1))))
	padded := slices.Clone(values)
	for len(padded) == len(values) || len(padded)%size != 0 {
		padded = append(padded, pad)
	}
	var coarse, fine []string
	for i := size; i <= len(values); i += size {
		coarse = append(coarse, fmt.Sprintf("(%s >= %s)", x, padded[i-1]))
	}
	block, array := "_b"+name, "_e"+name
	for j := 1; j < size; j++ {
		at := array
		if j == 1 {
			at = "([" + strings.Join(padded, ", ") + "] AS " + array + ")"
		}
		fine = append(fine, fmt.Sprintf("(%s[%s * %d + %d] <= %s)", at, block, size, j, x))
	}
	return fmt.Sprintf("toInt64((%s AS %s) * %d + %s)", balancedSum(coarse), block, size, balancedSum(fine))
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

// intervalOf is each row's interval among the query's window bounds (1 for
// the first, as width_bucket numbers them) times codes. The scan reads rows
// between the first and last bound only, so when the bounds between them
// fall on a grid of equal steps (aligned windows) the interval is a lookup
// by the row's step; otherwise a search over the bounds.
func intervalOf(timeCol *logstore.Column, iv *logstore.Intervals, codes int) string {
	values := make([]int64, len(iv.Bounds))
	for i, b := range iv.Bounds {
		values[i] = timeValue(timeCol, b)
	}
	t := timeNumber(timeCol)
	if s, ok := newSteps(values); ok {
		ints := make([]string, len(s.interval))
		for i, n := range s.interval {
			ints[i] = strconv.Itoa(n * codes)
		}
		return fmt.Sprintf("[%s][toUInt32(intDiv(%s - %d, %d)) + 1]", strings.Join(ints, ", "), t, s.origin, s.width)
	}
	bounds := make([]string, len(values))
	for i, v := range values {
		bounds[i] = strconv.FormatInt(v, 10)
	}
	pad, search := "toInt64(9223372036854775807)", atOrBelow("w", bounds, "toInt64(9223372036854775807)", t)
	if g, ok := newIntGrid(values); ok {
		search = g.count("w", g.cellSQL(t), bounds, pad, t)
	}
	return fmt.Sprintf("(%s * %d)", search, codes)
}
