package clickhouse

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// DemoDDL creates the demo predictions table, ordered (indexed) by model
// and time as every query reads it (README "Inference logs: the schema
// contract"). Times are DateTime (seconds) so that old servers read it too.
func DemoDDL(table string) string {
	var cols []string
	for _, c := range logstore.DemoColumns() {
		typ := map[string]string{logstore.DemoTime: "DateTime", logstore.DemoText: "Nullable(String)", logstore.DemoFloat: "Nullable(Float64)"}[c.Kind]
		if c.Name == logstore.DemoModelColumn {
			typ = "String"
		}
		cols = append(cols, ident(c.Name)+" "+typ)
	}
	return fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s) ENGINE = MergeTree ORDER BY (%s, %s)", quoteTable(table), strings.Join(cols, ", "), ident(logstore.DemoModelColumn), ident(logstore.DemoTimeColumn))
}

func quoteTable(table string) string {
	parts := strings.Split(table, ".")
	for i, p := range parts {
		parts[i] = ident(p)
	}
	return strings.Join(parts, ".")
}

// insertBatch is how many rows one INSERT carries.
const insertBatch = 200_000

// SeedDemo creates the table and inserts the fleet's rows of [from, to)
// (RowBinary over HTTP, in batches: floats arrive bit for bit); it returns
// the rows written.
func SeedDemo(ctx context.Context, raw []byte, secrets map[string]string, table string, fleet *demo.Fleet, from, to time.Time) (int64, error) {
	_, c, err := parseSettings(append([]byte(nil), raw...), "seed", secrets)
	if err != nil {
		return 0, err
	}
	if _, err := c.query(ctx, DemoDDL(table)); err != nil {
		return 0, err
	}
	index := logstore.DemoIndex()
	cols := logstore.DemoColumns()
	record := make([]any, len(cols))
	var buf bytes.Buffer
	var total, pending int64
	flush := func() error {
		if pending == 0 {
			return nil
		}
		_, err := c.query(ctx, "INSERT INTO "+quoteTable(table)+" FORMAT RowBinary\n"+buf.String())
		buf.Reset()
		total, pending = total+pending, 0
		return err
	}
	for _, spec := range demo.Models() {
		var seq int64
		err := fleet.Rows(spec.ID, from, to, func(ts time.Time, r *engine.Row) error {
			seq++
			logstore.DemoRecord(spec, ts, time.Second, r, seq, index, record)
			for i, v := range record {
				writeValue(&buf, v, cols[i].Name != logstore.DemoModelColumn && cols[i].Kind != logstore.DemoTime)
			}
			if pending++; pending == insertBatch {
				return flush()
			}
			return ctx.Err()
		})
		if err != nil {
			return total, err
		}
	}
	return total, flush()
}

// writeValue writes a demo value in RowBinary: a NULL flag first for the
// Nullable columns, DateTime as seconds, strings length-prefixed.
func writeValue(buf *bytes.Buffer, v any, nullable bool) {
	if nullable {
		if v == nil {
			buf.WriteByte(1)
			return
		}
		buf.WriteByte(0)
	}
	switch x := v.(type) {
	case time.Time:
		buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(x.Unix())))
	case float64:
		buf.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(x)))
	case string:
		buf.Write(binary.AppendUvarint(nil, uint64(len(x))))
		buf.WriteString(x)
	}
}
