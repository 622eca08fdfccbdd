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
// strings and floats travel hex-encoded (unhex, reinterpretAsFloat64), so
// no quote, backslash or number format of any server version can change
// them; identifiers are names the server listed, in backquotes.

// ident quotes an identifier.
func ident(name string) string {
	return "`" + strings.NewReplacer(`\`, `\\`, "`", "\\`").Replace(name) + "`"
}

// stringLiteral is s as a hex-encoded string.
func stringLiteral(s string) string { return "unhex('" + hex.EncodeToString([]byte(s)) + "')" }

// floatLiteral is v bit for bit (NaN, ±Inf and subnormals included).
func floatLiteral(v float64) string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
	return "reinterpretAsFloat64(unhex('" + hex.EncodeToString(b[:]) + "'))"
}

func floatArray(vs []float64) string {
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

// search counts the elements of an ascending array that are ≤ x, as SQL's
// width_bucket does, in two passes over √n pivots: the block-end pivots
// at or below x, then the elements of the next block. array is a column
// of the subquery (not an alias: old servers expand aliases in place),
// laid out by blocked; no lambda (old servers lose captured columns).
func search(array string, size, block int, x string) string {
	var coarse []string
	for i := block; i <= size; i += block {
		coarse = append(coarse, fmt.Sprintf("(%s[%d] <= %s)", array, i, x))
	}
	c := "(" + strings.Join(coarse, " + ") + ")"
	terms := []string{fmt.Sprintf("%s * %d", c, block)}
	for j := 1; j < block; j++ {
		terms = append(terms, fmt.Sprintf("(%s[%s * %d + %d] <= %s)", array, c, block, j, x))
	}
	return "toInt64(" + strings.Join(terms, " + ") + ")"
}

// blocked pads ascending values with pad (a value no x passes) to whole
// blocks of about √n, with at least one pad at the end, and returns the
// block size.
func blocked[T any](values []T, pad T) ([]T, int) {
	block := int(math.Ceil(math.Sqrt(float64(len(values) + 1))))
	n := (len(values) + 1 + block - 1) / block * block
	out := append([]T(nil), values...)
	for len(out) < n {
		out = append(out, pad)
	}
	return out, block
}

// intervalOf finds each row's interval among the query's window bounds (1
// for the first, as width_bucket numbers them): defs go in the level that
// reads the table, the expression in the level above it.
func intervalOf(timeCol *logstore.Column, iv *logstore.Intervals) (defs []string, expr string) {
	bounds := make([]int64, len(iv.Bounds))
	for i, b := range iv.Bounds {
		bounds[i] = timeValue(timeCol, b)
	}
	padded, block := blocked(bounds, math.MaxInt64)
	parts := make([]string, len(padded))
	for i, b := range padded {
		parts[i] = "toInt64(" + strconv.FormatInt(b, 10) + ")"
	}
	defs = []string{"[" + strings.Join(parts, ", ") + "] AS _wb", timeNumber(timeCol) + " AS _tn"}
	return defs, search("_wb", len(padded), block, "_tn")
}
