package clickhouse

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// DemoDDL creates the demo predictions table (README "Inference logs: the
// schema contract"): a MergeTree ordered by (model_id, ts), so every query
// — one model, a time range — reads one contiguous run of the sorting key.
// Times are DateTime (whole seconds, UTC) so that old servers read it too;
// features, scores and labels are Nullable (NULL: missing, or no label yet).
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

// Dial reads a DSN, http(s)://user:password@host:port/database, for the
// seeder and the tests; errors never repeat the password.
func Dial(dsn string) (*Conn, error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the ClickHouse DSN must be http(s)://user:password@host:port/database")
	}
	database := strings.Trim(u.Path, "/")
	if database == "" {
		database = DefaultDatabase
	}
	user, password := DefaultUser, ""
	if u.User != nil {
		user = u.User.Username()
		password, _ = u.User.Password()
	}
	base := &url.URL{Scheme: u.Scheme, Host: u.Host}
	return &Conn{newClient(base, database, user, password, time.Hour, 4, nil)}, nil
}

// Conn runs statements on a server (seeding, test set-up).
type Conn struct{ c *client }

// Exec runs one statement and returns its answer.
func (c *Conn) Exec(ctx context.Context, sql string) ([]byte, error) { return c.c.query(ctx, sql) }

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
func SeedDemo(ctx context.Context, conn *Conn, table string, fleet *demo.Fleet, from, to time.Time) (int64, error) {
	c := conn.c
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
				WriteValue(&buf, v, cols[i].Name != logstore.DemoModelColumn && cols[i].Kind != logstore.DemoTime)
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

// WriteValue writes a seeded value in RowBinary (nil, time.Time, float64
// or string): a NULL flag first for Nullable columns, DateTime as seconds,
// strings length-prefixed.
func WriteValue(buf *bytes.Buffer, v any, nullable bool) {
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
