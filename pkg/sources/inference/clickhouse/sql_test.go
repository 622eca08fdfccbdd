package clickhouse

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// Every float the plan binds reads back bit for bit, in a form that can
// only be a number.
func TestFloatLiteralsReadBackExactly(t *testing.T) {
	number := regexp.MustCompile(`^(-?[0-9.]+(e[-+][0-9]+)?|nan|inf|-inf|reinterpretAsFloat64\(unhex\('[0-9a-f]{16}'\)\))$`)
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 1e-300, -math.MaxFloat64, math.MaxFloat64,
		math.SmallestNonzeroFloat64, 0x1p-1022, math.Nextafter(0x1p-1022, 0), 2.220446049250313e-16, math.Inf(1), math.Inf(-1), math.NaN(), 123456789} {
		lit := floatLiteral(v)
		if !number.MatchString(lit) {
			t.Errorf("%v: literal %q", v, lit)
			continue
		}
		var back float64
		switch {
		case strings.HasPrefix(lit, "reinterpret"):
			b, _ := hex.DecodeString(lit[len("reinterpretAsFloat64(unhex('") : len(lit)-3])
			back = math.Float64frombits(binary.LittleEndian.Uint64(b))
		default:
			var err error
			if back, err = strconv.ParseFloat(lit, 64); err != nil {
				t.Errorf("%v: %q does not parse: %v", v, lit, err)
			}
		}
		if math.Float64bits(back) != math.Float64bits(v) && !(math.IsNaN(v) && math.IsNaN(back)) {
			t.Errorf("%v: %q reads back as %v", v, lit, back)
		}
		if !strings.ContainsAny(lit, ".ein") {
			t.Errorf("%v: %q would be an integer literal", v, lit)
		}
	}
}

// Strings reach the SQL as hex only; identifiers cannot leave their quotes.
func TestStringsAndIdentifiersCannotBreakOut(t *testing.T) {
	for _, s := range []string{"", "x' OR '1'='1", `\'; DROP TABLE t; --`, "ünï\x00code"} {
		lit := stringLiteral(s)
		if !regexp.MustCompile(`^unhex\('[0-9a-f]*'\)$`).MatchString(lit) {
			t.Errorf("%q: literal %q", s, lit)
		}
	}
	for name, want := range map[string]string{"ts": "`ts`", "a`b": "`a\\`b`", `a\`: "`a\\\\`"} {
		if got := ident(name); got != want {
			t.Errorf("ident(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestColumnTypesAreClassified(t *testing.T) {
	for typ, want := range map[string]logstore.Class{
		"Float64": logstore.ClassFloat, "Nullable(Float32)": logstore.ClassFloat, "Decimal(18, 4)": logstore.ClassFloat,
		"UInt8": logstore.ClassInteger, "Nullable(Int64)": logstore.ClassInteger,
		"String": logstore.ClassText, "LowCardinality(Nullable(String))": logstore.ClassText, "Enum8('a' = 1, 'b' = 2)": logstore.ClassText,
		"Bool": logstore.ClassBool, "DateTime": logstore.ClassTime, "DateTime64(3, 'UTC')": logstore.ClassTime,
		"Array(Float64)": logstore.ClassOther, "Map(String, String)": logstore.ClassOther,
	} {
		if got, _ := classOf(typ); got != want {
			t.Errorf("%s: %s, want %s", typ, got, want)
		}
	}
	if _, nullable := classOf("LowCardinality(Nullable(String))"); !nullable {
		t.Error("LowCardinality(Nullable(String)) is nullable")
	}
}

// Bad settings name the field; a password typed into the URL is not repeated.
func TestSettingsErrorsNameTheFieldAndHideThePassword(t *testing.T) {
	mapping, _ := json.Marshal(logstore.DemoMapping("predictions"))
	for _, c := range []struct {
		edit func(map[string]any)
		says string
	}{
		{func(s map[string]any) { s["url"] = "" }, "inference.url"},
		{func(s map[string]any) { s["url"] = "localhost:9000" }, "inference.url"},
		{func(s map[string]any) { s["url"] = "http://default:canary-Secret@localhost:8123" }, "inference.url"},
		{func(s map[string]any) { s["url"] = "ftp://default:canary-Secret@localhost:8123" }, "inference.url"},
		{func(s map[string]any) { s["url"] = "http://localhost:8123/default?user=x" }, "inference.url"},
		{func(s map[string]any) { s["statementTimeout"] = -1 }, "inference.statementTimeout"},
		{func(s map[string]any) { s["maxOpenConns"] = 1000 }, "inference.maxOpenConns"},
		{func(s map[string]any) { s["table"] = "a.b.c" }, "inference.table"},
	} {
		s := map[string]any{}
		_ = json.Unmarshal(mapping, &s)
		s["url"] = "http://localhost:8123"
		c.edit(s)
		raw, _ := json.Marshal(s)
		_, err := Open(raw, "jsonData.inference", map[string]string{"password": "canary-Secret"})
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%v: got %v, want an error naming %s", s["url"], err, c.says)
			continue
		}
		if strings.Contains(err.Error(), "canary-Secret") {
			t.Errorf("the error repeats the password: %v", err)
		}
	}
}
