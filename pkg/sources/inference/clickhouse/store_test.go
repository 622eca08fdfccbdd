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

	"github.com/aiperf/monitor/pkg/engine"
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

func rowsOf(t *testing.T, fleet *demo.Fleet, model string, w sources.Window) []engine.Row {
	var rows []engine.Row
	err := fleet.Rows(model, w.From, w.To, func(_ time.Time, r *engine.Row) error {
		c := *r
		c.Num, c.Cat, c.Sens = append([]float64(nil), r.Num...), append([]string(nil), r.Cat...), append([]string(nil), r.Sens...)
		rows = append(rows, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The same rows, summarized in ClickHouse and by engine.Summarizer with the
// same baseline, agree field by field; the baseline the server profiled
// has the bins an exact in-memory profile of the same rows fixes.
func TestSummariesEqualTheEngines(t *testing.T) {
	dsn := testDSN(t)
	fleet := demo.New(demo.Options{Now: func() time.Time { return testNow }, RowsPerHour: 60})
	table := seeded(t, dsn, fleet, 6)
	st := openStore(t, dsn, table, nil)
	ctx := context.Background()
	day := 24 * time.Hour
	start := testNow.Truncate(day).AddDate(0, 0, -6)
	reference := sources.Window{From: start, To: start.Add(3 * day)}
	windows := []sources.Window{
		{From: start.Add(3 * day), To: start.Add(4 * day)}, {From: start.Add(4 * day), To: start.Add(5 * day)},
		{From: start.Add(5 * day), To: start.Add(6 * day)}, {From: start.Add(4*day + 5*time.Hour), To: start.Add(4*day + 6*time.Hour)},
		{From: start.Add(3*day + 12*time.Hour), To: start.Add(4*day + 12*time.Hour)}, {From: testNow.Add(-3 * time.Hour), To: testNow},
	}
	for _, spec := range demo.Models() {
		t.Run(spec.ID, func(t *testing.T) {
			b, err := st.Baseline(ctx, spec.ID, reference)
			if err != nil {
				t.Fatal(err)
			}
			exact, err := logstoretest.ExactBaseline(b.Schema, rowsOf(t, fleet, spec.ID, reference))
			if err != nil {
				t.Fatal(err)
			}
			for i := range exact.Numeric {
				if fmt.Sprint(b.Numeric[i].Edges) != fmt.Sprint(exact.Numeric[i].Edges) {
					t.Errorf("feature %s: edges from the server differ from the exact profile's:\n got %v\nwant %v", exact.Numeric[i].Name, b.Numeric[i].Edges, exact.Numeric[i].Edges)
				}
			}
			if fmt.Sprint(b.ScoreEdges) != fmt.Sprint(exact.ScoreEdges) || fmt.Sprint(b.Prediction.Edges) != fmt.Sprint(exact.Prediction.Edges) {
				t.Errorf("output edges differ from the exact profile's")
			}
			for i := range exact.Categorical {
				if fmt.Sprint(b.Categorical[i].Categories) != fmt.Sprint(exact.Categorical[i].Categories) {
					t.Errorf("feature %s: categories %v, want %v", exact.Categorical[i].Name, b.Categorical[i].Categories, exact.Categorical[i].Categories)
				}
			}
			check := func(name string, got *engine.Summary, rows []engine.Row) {
				z := engine.NewSummarizer(b)
				for i := range rows {
					z.Add(&rows[i])
				}
				for _, d := range logstoretest.Diff(got, z.Summary()) {
					t.Errorf("%s: %s", name, d)
				}
			}
			check("baseline summary", b.Summary, rowsOf(t, fleet, spec.ID, reference))
			got, err := st.Summaries(ctx, spec.ID, b, windows)
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range windows {
				check(fmt.Sprintf("window %d", i), got[i], rowsOf(t, fleet, spec.ID, w))
			}
		})
	}
}

// The compliance counts agree with the rows the seeder wrote: every demo
// row has a request id, a version and inputs; the versions are the
// catalog's; the oldest row is the first seeded.
func TestComplianceCountsMatchTheSeededRows(t *testing.T) {
	dsn := testDSN(t)
	fleet := demo.New(demo.Options{Now: func() time.Time { return testNow }, RowsPerHour: 30})
	table := seeded(t, dsn, fleet, 3)
	st := openStore(t, dsn, table, nil)
	ctx := context.Background()
	day := 24 * time.Hour
	start := testNow.Truncate(day).AddDate(0, 0, -3)
	windows := []sources.Window{{From: start, To: start.Add(day)}, {From: start.Add(day), To: testNow}}
	for _, spec := range demo.Models() {
		want := make([]int64, len(windows))
		for i, w := range windows {
			want[i] = int64(len(rowsOf(t, fleet, spec.ID, w)))
		}
		audit, err := st.AuditTrail(ctx, spec.ID, windows)
		if err != nil {
			t.Fatal(err)
		}
		versions, err := st.ServedVersions(ctx, spec.ID, windows)
		if err != nil {
			t.Fatal(err)
		}
		for i := range windows {
			if a := audit[i]; a.Predictions != want[i] || a.Complete != want[i] || a.MissingInputs+a.MissingRequestID+a.MissingVersion != 0 {
				t.Errorf("%s window %d: audit %+v, want %d complete predictions", spec.ID, i, a, want[i])
			}
			if len(versions[i]) != 1 || versions[i][0].Version != spec.Version || versions[i][0].Predictions != float64(want[i]) {
				t.Errorf("%s window %d: versions %+v, want %d predictions of %s", spec.ID, i, versions[i], want[i], spec.Version)
			}
		}
		r, err := st.Retention(ctx, spec.ID, start.Add(day))
		if err != nil {
			t.Fatal(err)
		}
		if r.Rows != want[0]+want[1] || r.RowsOlder != want[0] || r.Oldest.Before(start) || r.Oldest.After(start.Add(time.Hour)) {
			t.Errorf("%s: retention %+v, want %d rows, %d older than the cutoff, the oldest in the first hour", spec.ID, r, want[0]+want[1], want[0])
		}
	}
	// Without a request id column, audit coverage cannot be measured: the
	// error names the setting.
	bare := openStore(t, dsn, table, func(s map[string]any) { delete(s, "requestIdColumn") })
	if _, err := bare.AuditTrail(ctx, demo.FraudDetection, windows); err == nil || !strings.Contains(err.Error(), "inference.requestIdColumn") {
		t.Errorf("audit without request ids: %v", err)
	}
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
