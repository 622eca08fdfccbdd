package plugin

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/postgres"
)

// seedPostgres fills a fresh table with the store fleet's rows.
func seedPostgres(t *testing.T, dsn string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	table := uniqueTable("store_pg")
	t.Cleanup(func() {
		if c, err := pgx.Connect(context.Background(), dsn); err == nil {
			_, _ = c.Exec(context.Background(), `DROP TABLE IF EXISTS "`+table+`"`)
			_ = c.Close(context.Background())
		}
	})
	from := testNow.Truncate(day).AddDate(0, 0, -storeDays)
	if _, err := postgres.SeedDemo(ctx, conn, table, storeFleet(), from, testNow); err != nil {
		t.Fatal(err)
	}
	return table
}

// postgresDatasource is a data source reading table through QueryData's
// real path: settings, factory, caching decorator, monitor, engine, frames.
func postgresDatasource(t *testing.T, dsn, table string, edit func(map[string]any)) *Datasource {
	t.Helper()
	section, secrets := dsnSection(t, "postgres", dsn, table)
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
// from PostgreSQL equals the one computed in memory from the same rows.
func TestPostgresFramesEqualTheInMemoryFleet(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_POSTGRES")
	table := seedPostgres(t, dsn)
	start := time.Now()
	compareStore(t, postgresDatasource(t, dsn, table, nil))
	t.Logf("%d queries in %s", len(modelQueries(t)), time.Since(start))
}

// countingStore counts the windows a connector is asked to summarize.
type countingStore struct {
	sources.InferenceSource
	windows, baselines *atomic.Int64
}

func (c countingStore) Summaries(ctx context.Context, model string, b *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	c.windows.Add(int64(len(windows)))
	return c.InferenceSource.Summaries(ctx, model, b, windows)
}

func (c countingStore) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	c.baselines.Add(1)
	return c.InferenceSource.Baseline(ctx, model, reference)
}

// Reloading a 30-day dashboard asks the store only for the windows that
// are still open (the last ones, within the model's label delay): closed
// windows and the baseline come from the cache.
func TestPostgresReloadQueriesOnlyOpenWindows(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_POSTGRES")
	table := seedPostgres(t, dsn)
	var windows, baselines atomic.Int64
	inferenceConnectors["postgres-counting-test"] = func(ctx context.Context, cfg RoleConfig) (sources.InferenceSource, error) {
		st, err := postgres.Open(ctx, cfg.Options, cfg.Field, cfg.Secrets)
		if err != nil {
			return nil, err
		}
		return countingStore{st, &windows, &baselines}, nil
	}
	t.Cleanup(func() { delete(inferenceConnectors, "postgres-counting-test") })
	section, secrets := dsnSection(t, "postgres", dsn, table)
	section["connector"] = "postgres-counting-test"
	d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
	if d.settingsErr != nil {
		t.Fatal(d.settingsErr)
	}
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
	first := windows.Load()
	if first < 30 || baselines.Load() != 1 {
		t.Fatalf("the first load asked for %d windows and %d baselines, want the 30-day range's windows once and one baseline", first, baselines.Load())
	}
	dashboard()
	again := windows.Load() - first
	// risk-assessment's labels take 48 hours: the windows ending less
	// than that before now (the open day and the two before it) are asked again.
	if again == 0 || again > 3 || baselines.Load() != 1 {
		t.Errorf("the reload asked for %d windows and %d more baselines, want at most the 3 windows within the label delay and no baseline", again, baselines.Load()-1)
	}
	t.Logf("first load: %d windows; reload: %d windows", first, again)
}
