package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore/logstoretest"
)

// These tests need a PostgreSQL server: tests/integration/store/run.sh
// starts one and sets AIPERF_TEST_POSTGRES to a DSN whose user may create
// tables.
func testDSN(t *testing.T) string {
	dsn := os.Getenv("AIPERF_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("AIPERF_TEST_POSTGRES is not set: tests/integration/store/run.sh starts a PostgreSQL server for these tests")
	}
	return dsn
}

// testNow is the simulation's present in every store test.
var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// seeded fills a fresh table with days of the demo fleet and returns its name.
func seeded(t *testing.T, dsn string, fleet *demo.Fleet, days int) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	table := fmt.Sprintf("predictions_%d", rand.Uint32())
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP TABLE IF EXISTS "+ident(table))
			_ = c.Close(context.Background())
		}
	})
	if _, err := SeedDemo(ctx, conn, table, fleet, testNow.Truncate(24*time.Hour).AddDate(0, 0, -days), testNow); err != nil {
		t.Fatal(err)
	}
	return table
}

// openStore opens a store on the table with the demo mapping.
func openStore(t *testing.T, dsn, table string, edit func(map[string]any)) *Store {
	t.Helper()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]any{}
	mapping, _ := json.Marshal(logstore.DemoMapping(table))
	_ = json.Unmarshal(mapping, &settings)
	settings["url"] = fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	settings["database"], settings["user"], settings["tlsMode"] = cfg.Database, cfg.User, "disable"
	if edit != nil {
		edit(settings)
	}
	raw, _ := json.Marshal(settings)
	st, err := Open(context.Background(), raw, "inference", map[string]string{"password": cfg.Password})
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

// The same rows, summarized in PostgreSQL and by engine.Summarizer with the
// same baseline, agree field by field; the baseline the database profiled
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
	// Daily windows, an hourly one, a window straddling two days, and the
	// open window up to now: overlapping and scattered windows in one scan.
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
				if !equalFloats(b.Numeric[i].Edges, exact.Numeric[i].Edges) {
					t.Errorf("feature %s: edges from the database differ from the exact profile's:\n got %v\nwant %v", exact.Numeric[i].Name, b.Numeric[i].Edges, exact.Numeric[i].Edges)
				}
			}
			if !equalFloats(b.ScoreEdges, exact.ScoreEdges) || !equalFloats(b.Prediction.Edges, exact.Prediction.Edges) {
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

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
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
