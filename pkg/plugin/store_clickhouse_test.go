package plugin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/clickhouse"
)

// The ClickHouse tests run against the server AIPERF_TEST_CLICKHOUSE names
// (http://user:password@host:port/database): tests/integration/store/run.sh
// starts the 18.16 server Debian ships, the oldest the SQL must run on.

// dialClickHouse connects for set-up statements.
func dialClickHouse(t *testing.T, dsn string) *clickhouse.Conn {
	t.Helper()
	conn, err := clickhouse.Dial(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// execClickHouse runs a set-up statement.
func execClickHouse(t *testing.T, dsn, sql string) string {
	t.Helper()
	out, err := dialClickHouse(t, dsn).Exec(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return string(out)
}

// seedClickHouse fills a fresh table with the store fleet's rows.
func seedClickHouse(t *testing.T, dsn string) string {
	t.Helper()
	table := uniqueTable("store_ch")
	t.Cleanup(func() { _, _ = dialClickHouse(t, dsn).Exec(context.Background(), "DROP TABLE IF EXISTS `"+table+"`") })
	from := testNow.Truncate(day).AddDate(0, 0, -storeDays)
	if _, err := clickhouse.SeedDemo(context.Background(), dialClickHouse(t, dsn), table, storeFleet(), from, testNow); err != nil {
		t.Fatal(err)
	}
	return table
}

// clickhouseSection is the inference section for the DSN with the demo
// mapping on table; the password is returned apart, as a secret.
func clickhouseSection(t *testing.T, dsn, table string) (map[string]any, map[string]string) {
	t.Helper()
	section, secrets := dsnSection(t, "clickhouse", dsn, table)
	u, _ := url.Parse(dsn)
	section["url"] = u.Scheme + "://" + u.Host
	return section, secrets
}

// clickhouseDatasource is a data source reading table through QueryData's
// real path: settings, factory, caching decorator, monitor, engine, frames.
func clickhouseDatasource(t *testing.T, dsn, table string, edit func(map[string]any)) *Datasource {
	t.Helper()
	section, secrets := clickhouseSection(t, dsn, table)
	if edit != nil {
		edit(section)
	}
	d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	t.Cleanup(d.Dispose)
	return d
}

// Every quality, drift, fairness, data-quality and label-free frame read
// from ClickHouse equals the one computed in memory from the same rows.
func TestClickHouseFramesEqualTheInMemoryFleet(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	table := seedClickHouse(t, dsn)
	start := time.Now()
	compareStore(t, clickhouseDatasource(t, dsn, table, nil))
	t.Logf("%d queries in %s", len(modelQueries(t)), time.Since(start))
}

// countingProxy forwards to the server and counts the statements sent.
func countingProxy(t *testing.T, dsn string) (string, *atomic.Int64) {
	t.Helper()
	u, _ := url.Parse(dsn)
	target := &url.URL{Scheme: u.Scheme, Host: u.Host}
	var n atomic.Int64
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &n
}

// Reloading a 30-day dashboard asks ClickHouse only for the windows that
// are still open: closed windows and the baseline come from the cache, and
// the reload sends one scan, not the first load's profiling and scans.
func TestClickHouseReloadQueriesOnlyOpenWindows(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	table := seedClickHouse(t, dsn)
	var windows, baselines atomic.Int64
	inferenceConnectors["clickhouse-counting-test"] = func(ctx context.Context, cfg RoleConfig) (sources.InferenceSource, error) {
		st, err := clickhouse.Open(cfg.Options, cfg.Field, cfg.Secrets)
		if err != nil {
			return nil, err
		}
		return countingStore{st, &windows, &baselines}, nil
	}
	t.Cleanup(func() { delete(inferenceConnectors, "clickhouse-counting-test") })
	proxy, statements := countingProxy(t, dsn)
	section, secrets := clickhouseSection(t, dsn, table)
	section["connector"], section["url"] = "clickhouse-counting-test", proxy
	d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
	t.Cleanup(d.Dispose)
	dashboard := func() {
		var queries []backend.DataQuery
		for i, qt := range []string{"quality", "drift", "driftTrend", "fairness", "dataQuality"} {
			queries = append(queries, dataQuery(fmt.Sprint(i), map[string]any{"queryType": qt, "model": "risk-assessment"}, 30*day, day))
		}
		for id, r := range run(t, d, queries...).Responses {
			if r.Error != nil {
				t.Fatalf("query %s: %v", id, r.Error)
			}
		}
	}
	dashboard()
	first, firstStatements := windows.Load(), statements.Load()
	if first < 30 || baselines.Load() != 1 {
		t.Fatalf("the first load asked for %d windows and %d baselines, want the 30-day range's windows once and one baseline", first, baselines.Load())
	}
	dashboard()
	again, againStatements := windows.Load()-first, statements.Load()-firstStatements
	// risk-assessment's labels take 48 hours: the windows ending less
	// than that before now (the open day and the two before it) are asked again.
	if again == 0 || again > 3 || baselines.Load() != 1 {
		t.Errorf("the reload asked for %d windows and %d more baselines, want at most the 3 windows within the label delay and no baseline", again, baselines.Load()-1)
	}
	// One scan for the open windows, and at most one probe of their
	// distinct values; the model's schema and columns are cached too.
	if againStatements == 0 || againStatements > 2 || againStatements >= firstStatements {
		t.Errorf("the reload sent %d statements (the first load %d), want the open windows' scan alone", againStatements, firstStatements)
	}
	t.Logf("first load: %d windows in %d statements; reload: %d windows in %d statements", first, firstStatements, again, againStatements)
}
