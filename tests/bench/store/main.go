// Command store times one store's pushdown against a plain scan
// (tests/bench/store.sh seeds the table with aiperf-seed's wide targets):
//
//   - plain: SUM of every feature column per day over the 30 days, sent
//     straight to the store — the least any scan of those rows costs;
//   - cold: a 30-day drift + quality + fairness + data-quality request
//     through the data source (plugin.Datasource QueryData) on a fresh
//     instance, so the baseline is profiled and every window summarized;
//   - warm: the same request again on the same instance, as a dashboard
//     reload: closed windows come from the cache.
//
// It prints the times, their ratios, and the process's peak resident set
// size (the plugin's memory: the plain scan returns 30 rows). Each timing
// follows an untimed plain scan, so the store's caches are equally warm. A
// cold request that fails (past the plugin's per-query limit, say) is
// reported with the time it ran.
//
//	go run ./tests/bench/store -store postgres|clickhouse -dsn DSN -table bench_10m
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/plugin"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The wide table's layout (cmd/aiperf-seed/wide.go).
const (
	model    = demo.RiskAssessment
	features = 20
	days     = 30
)

func main() {
	store := flag.String("store", "", "postgres or clickhouse")
	dsn := flag.String("dsn", "", "postgres://user:password@host:port/db or http://user:password@host:port/db")
	table := flag.String("table", "", "the wide table aiperf-seed wrote")
	flag.Parse()
	if err := run(*store, *dsn, *table); err != nil {
		if err != errReported {
			fmt.Fprintln(os.Stderr, "store bench:", err)
		}
		os.Exit(1)
	}
}

// errReported is a failure the output already shows.
var errReported = errors.New("reported")

func featureNames() []string {
	out := make([]string, features)
	for i := range out {
		out[i] = fmt.Sprintf("f%02d", i+1)
	}
	return out
}

func run(store, dsn, table string) error {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" || table == "" {
		return fmt.Errorf("give -dsn as a URL and -table")
	}
	now := time.Now().UTC()
	from := now.Add(-days * 24 * time.Hour)
	var plain func(context.Context) (int, error)
	switch store {
	case "postgres":
		plain = postgresScan(dsn, table, from, now)
	case "clickhouse":
		plain = clickhouseScan(u, table, from, now)
	default:
		return fmt.Errorf("-store must be postgres or clickhouse")
	}
	ctx := context.Background()

	if _, err := plain(ctx); err != nil { // warm-up
		return fmt.Errorf("plain scan: %w", err)
	}
	start := time.Now()
	n, err := plain(ctx)
	if err != nil {
		return fmt.Errorf("plain scan: %w", err)
	}
	plainTook := time.Since(start)
	if n < days {
		return fmt.Errorf("the plain scan found %d days, want %d: seed the table first", n, days)
	}
	if store == "postgres" {
		floor, err := postgresFloor(ctx, dsn, table, from, now)
		if err != nil {
			return fmt.Errorf("histogram floor: %w", err)
		}
		fmt.Printf("%-10s %-11s histogram floor (counts of %d features in %d bins per day, nothing else) %.2f s = %.2f× the plain scan\n",
			store, table, features, floorBins, floor.Seconds(), floor.Seconds()/plainTook.Seconds())
	}

	inst, err := plugin.NewDatasource(ctx, instanceSettings(store, u, table))
	if err != nil {
		return err
	}
	ds := inst.(*plugin.Datasource)
	defer ds.Dispose()
	req := dashboardRequest(from, now)
	if _, err := plain(ctx); err != nil {
		return err
	}
	start = time.Now()
	coldErr := answer(ds.QueryData(ctx, req))
	cold := time.Since(start)
	var warm time.Duration
	if coldErr == nil {
		if _, err := plain(ctx); err != nil {
			return err
		}
		start = time.Now()
		if err := answer(ds.QueryData(ctx, req)); err != nil {
			return fmt.Errorf("warm: %w", err)
		}
		warm = time.Since(start)
	}

	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	peakMB := float64(ru.Maxrss) / 1024 // kilobytes on Linux
	if coldErr != nil {
		fmt.Printf("%-10s %-11s plain scan %7.2f s | cold FAILED after %.1f s: %v | peak RSS %4.0f MB\n",
			store, table, plainTook.Seconds(), cold.Seconds(), coldErr, peakMB)
		fmt.Printf("RESULT %s %s %.3f %.3f - %.0f\n", store, table, plainTook.Seconds(), cold.Seconds(), peakMB)
		return errReported
	}
	fmt.Printf("%-10s %-11s plain scan %7.2f s | cold %7.2f s = %5.2f× the scan (target ≤ 3×) | warm %6.3f s = %5.1f%% of cold (target ≤ 10%%) | peak RSS %4.0f MB\n",
		store, table, plainTook.Seconds(), cold.Seconds(), cold.Seconds()/plainTook.Seconds(), warm.Seconds(), 100*warm.Seconds()/cold.Seconds(), peakMB)
	fmt.Printf("RESULT %s %s %.3f %.3f %.3f %.0f\n", store, table, plainTook.Seconds(), cold.Seconds(), warm.Seconds(), peakMB)
	return nil
}

// dashboardRequest is a 30-day model page: drift, quality, fairness and
// data quality of the wide model, one window a day.
func dashboardRequest(from, to time.Time) *backend.QueryDataRequest {
	req := &backend.QueryDataRequest{}
	for _, qt := range []string{"drift", "quality", "fairness", "dataQuality"} {
		raw, _ := json.Marshal(map[string]any{"queryType": qt, "model": model})
		req.Queries = append(req.Queries, backend.DataQuery{
			RefID: qt, QueryType: qt, JSON: raw, Interval: 24 * time.Hour, MaxDataPoints: days,
			TimeRange: backend.TimeRange{From: from, To: to},
		})
	}
	return req
}

// answer fails when the request or any of its queries failed.
func answer(resp *backend.QueryDataResponse, err error) error {
	if err != nil {
		return err
	}
	for id, r := range resp.Responses {
		if r.Error != nil {
			return fmt.Errorf("query %s: %w", id, r.Error)
		}
		if len(r.Frames) == 0 {
			return fmt.Errorf("query %s: no frames", id)
		}
	}
	return nil
}

// instanceSettings is the data source: the wide table mapped as the
// inference role, and the model in the catalog with a rolling 7-day
// baseline (the week before the range).
func instanceSettings(store string, u *url.URL, table string) backend.DataSourceInstanceSettings {
	section := map[string]any{
		"connector": store, "database": strings.TrimPrefix(u.Path, "/"), "user": u.User.Username(),
		"statementTimeout": 1800, "table": table, "timeColumn": "ts", "modelColumn": "model_id",
		"versionColumn": "model_version", "requestIdColumn": "request_id", "scoreColumn": "score", "labelColumn": "label",
		"sensitive": []string{"gender", "age_group"},
	}
	var mapped []map[string]string
	for _, f := range featureNames() {
		mapped = append(mapped, map[string]string{"column": f, "kind": "numeric"})
	}
	section["features"] = mapped
	section["models"] = []map[string]any{{"id": model, "task": "binary", "features": featureNames(), "sensitive": []string{"gender", "age_group"}}}
	if store == "postgres" {
		section["url"], section["tlsMode"] = u.Host, "disable"
	} else {
		section["url"] = u.Scheme + "://" + u.Host
	}
	models, _ := demo.New(demo.Options{}).Models(context.Background())
	var entry catalog.Model
	for _, m := range models {
		if m.ID == model {
			entry = m
		}
	}
	entry.BaselineDays, entry.BaselineEnd = 7, ""
	raw, _ := json.Marshal(map[string]any{"inference": section, "models": []catalog.Model{entry}})
	password, _ := u.User.Password()
	return backend.DataSourceInstanceSettings{UID: "store-bench", JSONData: raw,
		DecryptedSecureJSONData: map[string]string{"inference.password": password}}
}

// sums lists SUM of every feature column.
func sums() string {
	var s []string
	for _, f := range featureNames() {
		s = append(s, "sum("+f+")")
	}
	return strings.Join(s, ", ")
}

func postgresScan(dsn, table string, from, to time.Time) func(context.Context) (int, error) {
	sql := fmt.Sprintf("SELECT date_trunc('day', ts) AS day, %s FROM %s WHERE model_id = $1 AND ts >= $2 AND ts < $3 GROUP BY 1",
		sums(), pgx.Identifier{table}.Sanitize())
	return func(ctx context.Context) (int, error) {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return 0, err
		}
		defer conn.Close(ctx)
		rows, err := conn.Query(ctx, sql, model, from, to)
		if err != nil {
			return 0, err
		}
		n := 0
		for rows.Next() {
			n++
		}
		return n, rows.Err()
	}
}

func clickhouseScan(u *url.URL, table string, from, to time.Time) func(context.Context) (int, error) {
	sql := fmt.Sprintf("SELECT toStartOfDay(ts) AS day, %s FROM `%s` WHERE model_id = '%s' AND ts >= toDateTime(%d) AND ts < toDateTime(%d) GROUP BY day FORMAT TSV",
		sums(), table, model, from.Unix(), to.Unix())
	password, _ := u.User.Password()
	return func(ctx context.Context) (int, error) {
		q := url.Values{"database": {strings.TrimPrefix(u.Path, "/")}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.Scheme+"://"+u.Host+"/?"+q.Encode(), strings.NewReader(sql))
		if err != nil {
			return 0, err
		}
		req.SetBasicAuth(u.User.Username(), password)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return 0, err
		}
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("ClickHouse: %s", bytes.TrimSpace(body))
		}
		return bytes.Count(body, []byte("\n")), nil
	}
}
