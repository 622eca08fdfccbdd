package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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

// The same rows, summarized in PostgreSQL and by engine.Summarizer with the
// same baseline, agree field by field; the baseline the database profiled
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
