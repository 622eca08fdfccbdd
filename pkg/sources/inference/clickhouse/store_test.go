package clickhouse

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore/logstoretest"
)

// These tests need a ClickHouse server's HTTP interface:
// tests/integration/store/run.sh starts the 18.16 server Debian ships and
// runs them with AIPERF_TEST_CLICKHOUSE=http://user:password@host:port/database.
func testDSN(t *testing.T) string {
	dsn := os.Getenv("AIPERF_TEST_CLICKHOUSE")
	if dsn == "" {
		t.Skip("AIPERF_TEST_CLICKHOUSE is not set: tests/integration/store/run.sh starts ClickHouse for these tests")
	}
	return dsn
}

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// section is the inference section for the DSN, with the demo mapping on table.
func section(t *testing.T, dsn, table string) (map[string]any, map[string]string) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	s := map[string]any{}
	mapping, _ := json.Marshal(logstore.DemoMapping(table))
	_ = json.Unmarshal(mapping, &s)
	s["url"] = u.Scheme + "://" + u.Host
	s["database"] = strings.TrimPrefix(u.Path, "/")
	s["user"] = u.User.Username()
	password, _ := u.User.Password()
	return s, map[string]string{"password": password}
}

func seeded(t *testing.T, dsn string, fleet *demo.Fleet, days int) string {
	t.Helper()
	table := fmt.Sprintf("predictions_%d", rand.Uint32())
	conn, err := Dial(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), "DROP TABLE IF EXISTS "+ident(table)) })
	if _, err := SeedDemo(context.Background(), conn, table, fleet, testNow.Truncate(24*time.Hour).AddDate(0, 0, -days), testNow); err != nil {
		t.Fatal(err)
	}
	return table
}

func openStore(t *testing.T, dsn, table string, edit func(map[string]any)) *Store {
	t.Helper()
	s, secrets := section(t, dsn, table)
	if edit != nil {
		edit(s)
	}
	raw, _ := json.Marshal(s)
	st, err := Open(raw, "inference", secrets)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// The same rows, summarized in ClickHouse and by engine.Summarizer with the
// same baseline, agree field by field; the baseline the server profiled
// has the bins an exact in-memory profile of the same rows fixes.
func TestSummariesEqualTheEngines(t *testing.T) {
	dsn := testDSN(t)
	fleet := demo.New(demo.Options{Now: func() time.Time { return testNow }, RowsPerHour: 60})
	table := seeded(t, dsn, fleet, 6)
	logstoretest.SummariesEqualTheEngines(t, openStore(t, dsn, table, nil), fleet, testNow)
}

// The compliance counts agree with the rows the seeder wrote: every demo
// row has a request id, a version and inputs; the versions are the
// catalog's; the oldest row is the first seeded.
func TestComplianceCountsMatchTheSeededRows(t *testing.T) {
	dsn := testDSN(t)
	fleet := demo.New(demo.Options{Now: func() time.Time { return testNow }, RowsPerHour: 30})
	table := seeded(t, dsn, fleet, 3)
	bare := openStore(t, dsn, table, func(s map[string]any) { delete(s, "requestIdColumn") })
	logstoretest.ComplianceCountsMatchTheSeededRows(t, openStore(t, dsn, table, nil), bare, fleet, testNow)
}

// A DateTime64 time column (what current servers' users often have) gives
// the summaries, last prediction and retention of the same rows in a
// DateTime one. Servers without DateTime64 (before 20.1) skip.
func TestClickHouseDateTime64TimeColumnReadsTheSameRows(t *testing.T) {
	dsn := testDSN(t)
	fleet := demo.New(demo.Options{Now: func() time.Time { return testNow }, RowsPerHour: 30})
	table := seeded(t, dsn, fleet, 4)
	conn, err := Dial(dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	precise := table + "_64"
	if _, err := conn.Exec(ctx, "CREATE TABLE "+ident(precise)+" ENGINE = MergeTree ORDER BY (model_id, ts) AS SELECT * REPLACE (toDateTime64(ts, 3, 'UTC') AS ts) FROM "+ident(table)); err != nil {
		t.Skipf("this server has no DateTime64 column: %v", err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), "DROP TABLE IF EXISTS "+ident(precise)) })
	seconds, nanos := openStore(t, dsn, table, nil), openStore(t, dsn, precise, nil)
	day := 24 * time.Hour
	start := testNow.Truncate(day).AddDate(0, 0, -4)
	reference := sources.Window{From: start, To: start.Add(2 * day)}
	windows := []sources.Window{{From: start.Add(2 * day), To: start.Add(3 * day)}, {From: start.Add(3*day + 90*time.Minute), To: testNow}}
	for _, model := range []string{demo.FraudDetection, "demand-forecast"} {
		b, err := seconds.Baseline(ctx, model, reference)
		if err != nil {
			t.Fatal(err)
		}
		b64, err := nanos.Baseline(ctx, model, reference)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range logstoretest.Diff(b64.Summary, b.Summary) {
			t.Errorf("%s baseline: %s", model, d)
		}
		want, err := seconds.Summaries(ctx, model, b, windows)
		if err != nil {
			t.Fatal(err)
		}
		got, err := nanos.Summaries(ctx, model, b, windows)
		if err != nil {
			t.Fatal(err)
		}
		for i := range windows {
			for _, d := range logstoretest.Diff(got[i], want[i]) {
				t.Errorf("%s window %d: %s", model, i, d)
			}
		}
		l1, ok1, err1 := seconds.LastPrediction(ctx, model, testNow.Add(-time.Hour))
		l2, ok2, err2 := nanos.LastPrediction(ctx, model, testNow.Add(-time.Hour))
		if err1 != nil || err2 != nil || !ok1 || !ok2 || !l1.Equal(l2) {
			t.Errorf("%s last prediction: %v %v %v / %v %v %v", model, l1, ok1, err1, l2, ok2, err2)
		}
		r1, err1 := seconds.Retention(ctx, model, start.Add(day))
		r2, err2 := nanos.Retention(ctx, model, start.Add(day))
		if err1 != nil || err2 != nil || r1 != r2 {
			t.Errorf("%s retention: %+v %v / %+v %v", model, r1, err1, r2, err2)
		}
	}
}

// A Distributed table (users who outgrow one server) gives the summaries
// of the local table it spreads: the scan runs on the shards. The test
// server has a one-shard cluster aiperf_test; servers without it skip.
func TestClickHouseDistributedTableReadsTheSameRows(t *testing.T) {
	dsn := testDSN(t)
	fleet := demo.New(demo.Options{Now: func() time.Time { return testNow }, RowsPerHour: 30})
	table := seeded(t, dsn, fleet, 4)
	conn, err := Dial(dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	spread := table + "_all"
	database := strings.TrimPrefix(mustParse(t, dsn).Path, "/")
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s ENGINE = Distributed(aiperf_test, %s, %s)", ident(spread), ident(table), ident(database), ident(table))); err != nil {
		t.Skipf("this server has no cluster aiperf_test for a Distributed table: %v", err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), "DROP TABLE IF EXISTS "+ident(spread)) })
	local, distributed := openStore(t, dsn, table, nil), openStore(t, dsn, spread, nil)
	day := 24 * time.Hour
	start := testNow.Truncate(day).AddDate(0, 0, -4)
	reference := sources.Window{From: start, To: start.Add(2 * day)}
	windows := []sources.Window{{From: start.Add(2 * day), To: start.Add(3 * day)}, {From: start.Add(3 * day), To: testNow}}
	for _, model := range []string{demo.FraudDetection, "demand-forecast"} {
		b, err := local.Baseline(ctx, model, reference)
		if err != nil {
			t.Fatal(err)
		}
		bd, err := distributed.Baseline(ctx, model, reference)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range logstoretest.Diff(bd.Summary, b.Summary) {
			t.Errorf("%s baseline: %s", model, d)
		}
		want, err := local.Summaries(ctx, model, b, windows)
		if err != nil {
			t.Fatal(err)
		}
		got, err := distributed.Summaries(ctx, model, b, windows)
		if err != nil {
			t.Fatal(err)
		}
		for i := range windows {
			for _, d := range logstoretest.Diff(got[i], want[i]) {
				t.Errorf("%s window %d: %s", model, i, d)
			}
		}
	}
}

func mustParse(t *testing.T, dsn string) *url.URL {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
