package plugin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/sources"
)

// canarySecret is the password given where the password is wrong: no
// error, log or response may repeat it.
const canarySecret = "canary-Secret-7c1f"

// failureCase is a broken setting: the query it breaks must fail saying
// which setting to fix, and the other query of the same request must not.
type failureCase struct {
	name    string
	edit    func(section map[string]any, secrets map[string]string)
	model   string   // the model whose quality query fails
	says    []string // the failing query's error mentions these
	healthy string   // a query of the same request that must still answer
}

func TestPostgresFailuresNameTheSettingToFix(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_POSTGRES")
	table := seedPostgres(t, dsn)
	slow := slowView(t, dsn, table)
	features := func(s map[string]any) []any { return s["features"].([]any) }
	addFeature := func(s map[string]any, column, kind string) {
		s["features"] = append(features(s), map[string]any{"column": column, "kind": kind})
		m := s["models"].([]any)[0].(map[string]any) // risk-assessment
		m["features"] = append(m["features"].([]any), column)
	}
	cases := []failureCase{
		{name: "table that does not exist", edit: func(s map[string]any, _ map[string]string) { s["table"] = "public.no_such_predictions" },
			model: "risk-assessment", says: []string{"jsonData.inference.table", "no_such_predictions", "GRANT SELECT"}, healthy: "regulations"},
		{name: "mapped column missing", edit: func(s map[string]any, _ map[string]string) { addFeature(s, "no_such_column", "numeric") },
			model: "risk-assessment", says: []string{"inference.features[", "no_such_column", "is not a column"}, healthy: "fraud-detection"},
		{name: "column of the wrong type", edit: func(s map[string]any, _ map[string]string) { addFeature(s, "model_id", "numeric") },
			model: "risk-assessment", says: []string{"inference.features[", "model_id", "text", "numeric feature"}, healthy: "fraud-detection"},
		{name: "score column of the wrong type", edit: func(s map[string]any, _ map[string]string) { s["scoreColumn"] = "ts" },
			model: "risk-assessment", says: []string{"inference.scoreColumn", "timestamp"}, healthy: "demand-forecast"},
		{name: "wrong password", edit: func(_ map[string]any, secrets map[string]string) { secrets["inference.password"] = canarySecret },
			model: "risk-assessment", says: []string{"inference.user", "password"}, healthy: "regulations"},
		{name: "dead server", edit: func(s map[string]any, _ map[string]string) { s["url"] = "127.0.0.1:1" },
			model: "risk-assessment", says: []string{"inference.url", "cannot be reached"}, healthy: "regulations"},
		{name: "statement timeout", edit: func(s map[string]any, _ map[string]string) { s["table"], s["statementTimeout"] = slow, 1 },
			model: "risk-assessment", says: []string{"inference.statementTimeout", "statement timeout of 1s"}, healthy: "regulations"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			section, secrets := dsnSection(t, "postgres", dsn, table)
			c.edit(section, secrets)
			d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
			t.Cleanup(d.Dispose)
			if d.settingsErr != nil {
				t.Fatal(d.settingsErr)
			}
			healthy := map[string]any{"queryType": "quality", "model": c.healthy}
			if c.healthy == "regulations" {
				healthy = map[string]any{"queryType": "regulations"}
			}
			resp := run(t, d, dataQuery("broken", map[string]any{"queryType": "quality", "model": c.model}, 7*day, day), dataQuery("healthy", healthy, 7*day, day))
			broken := resp.Responses["broken"]
			if broken.Error == nil {
				t.Fatalf("the broken query answered")
			}
			msg := broken.Error.Error()
			for _, s := range c.says {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %q", msg, s)
				}
			}
			if strings.Contains(msg, canarySecret) {
				t.Errorf("error repeats the password: %q", msg)
			}
			if broken.ErrorSource != backend.ErrorSourceDownstream {
				t.Errorf("error source %q, want downstream (the user's or the server's, not the plugin's)", broken.ErrorSource)
			}
			if r := resp.Responses["healthy"]; r.Error != nil || len(r.Frames) == 0 {
				t.Errorf("the other query of the request failed too: %v", r.Error)
			}
			if res, _ := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{}); strings.Contains(res.Message, canarySecret) {
				t.Errorf("the health check repeats the password: %q", res.Message)
			}
		})
	}
}

// slowView is a view of the table that reads slowly (a sleep per row): a
// statement against it runs past any short timeout.
func slowView(t *testing.T, dsn, table string) string {
	t.Helper()
	view := table + "_slow"
	exec(t, dsn, `CREATE VIEW "`+view+`" AS SELECT p.* FROM "`+table+`" p WHERE pg_sleep(0.001) IS NOT NULL`)
	t.Cleanup(func() { exec(t, dsn, `DROP VIEW IF EXISTS "`+view+`"`) })
	return view
}

func exec(t *testing.T, dsn, sql string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

// Closing the panel cancels the query's context: the statement stops on
// the server within moments, not at its timeout.
func TestPostgresCancellationStopsTheStatement(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_POSTGRES")
	table := seedPostgres(t, dsn)
	slow := slowView(t, dsn, table)
	d := postgresDatasource(t, dsn, slow, func(s map[string]any) { s["statementTimeout"] = 600 })
	src := d.checks[0].checker.(sources.InferenceSource)
	b, err := postgresDatasource(t, dsn, table, nil).conns.Inference.Baseline(t.Context(), "fraud-detection",
		sources.Window{From: testNow.Add(-10 * day), To: testNow.Add(-3 * day)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := src.Summaries(ctx, "fraud-detection", b, []sources.Window{{From: testNow.Add(-3 * day), To: testNow}})
		done <- err
	}()
	time.Sleep(500 * time.Millisecond)
	cancel()
	cancelled := time.Now()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("the cancelled scan answered")
		}
		if waited := time.Since(cancelled); waited > 300*time.Millisecond {
			t.Errorf("the scan returned %s after its context was cancelled", waited)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the scan did not stop when its context was cancelled")
	}
	// The server stops the statement too: no query of the plugin is left running.
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	deadline := time.Now().Add(2 * time.Second)
	for {
		var running int
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'aiperf-monitor' AND state = 'active'").Scan(&running); err != nil {
			t.Fatal(err)
		}
		if running == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d statements of the plugin still run on the server after the cancel", running)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Nothing a user types reaches the SQL as SQL: table and column names are
// checked against the columns the database lists and quoted; model ids,
// template variables and feature names are bound values or rejected.
func TestPostgresInjectionIsRejectedOrNeutralised(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_POSTGRES")
	table := seedPostgres(t, dsn)
	canary := uniqueTable("canary")
	exec(t, dsn, `CREATE TABLE "`+canary+`" (x int); INSERT INTO "`+canary+`" VALUES (1)`)
	t.Cleanup(func() { exec(t, dsn, `DROP TABLE IF EXISTS "`+canary+`"`) })
	drop := `; DROP TABLE "` + canary + `"; --`
	settings := []struct {
		field string
		edit  func(map[string]any)
	}{
		{"inference.table", func(s map[string]any) { s["table"] = table + `"` + drop }},
		{"inference.table", func(s map[string]any) { s["table"] = table + drop }},
		{"inference.timeColumn", func(s map[string]any) { s["timeColumn"] = `ts"` + drop }},
		{"inference.modelColumn", func(s map[string]any) { s["modelColumn"] = `model_id = model_id OR true` + drop }},
		{"inference.labelColumn", func(s map[string]any) { s["labelColumn"] = `label) FROM pg_user` + drop }},
		{"inference.features[", func(s map[string]any) {
			s["features"] = append(s["features"].([]any), map[string]any{"column": "income::text) || (SELECT 1" + drop, "kind": "numeric"})
		}},
		{"inference.sensitive[", func(s map[string]any) { s["sensitive"] = append(s["sensitive"].([]any), `gender'`+drop) }},
	}
	for _, c := range settings {
		section, secrets := dsnSection(t, "postgres", dsn, table)
		c.edit(section)
		d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
		resp := run(t, d, dataQuery("A", map[string]any{"queryType": "quality", "model": "risk-assessment"}, 7*day, day))
		if err := resp.Responses["A"].Error; err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: got %v, want an error naming %s", c.field, err, c.field)
		}
		d.Dispose()
	}
	d := postgresDatasource(t, dsn, table, nil)
	for _, body := range []map[string]any{
		{"queryType": "quality", "model": "risk-assessment'" + drop},
		{"queryType": "quality", "model": "risk-assessment' OR '1'='1"},
		{"queryType": "driftDistribution", "model": "risk-assessment", "feature": "income'" + drop},
		{"queryType": "driftDistribution", "model": "risk-assessment", "feature": `income"` + drop},
	} {
		if err := run(t, d, dataQuery("A", body, 7*day, day)).Responses["A"].Error; err == nil {
			t.Errorf("%v answered", body)
		}
	}
	// The store binds the model id: an id made of SQL finds no rows.
	src := d.checks[0].checker.(sources.InferenceSource)
	for _, model := range []string{"x' OR '1'='1", "x'; DROP TABLE \"" + canary + "\"; --", `x" OR true --`} {
		if _, err := src.Schema(t.Context(), model); err == nil || !strings.Contains(err.Error(), "has no rows of model") {
			t.Errorf("model %q: got %v, want no rows", model, err)
		}
		if _, ok, err := src.LastPrediction(t.Context(), model, testNow); err != nil || ok {
			t.Errorf("model %q: last prediction %v %v", model, ok, err)
		}
	}
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var rows int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM "`+canary+`"`).Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("the canary table: %d rows, %v", rows, err)
	}
	var predictions int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM "`+table+`"`).Scan(&predictions); err != nil || predictions == 0 {
		t.Fatalf("the predictions table: %d rows, %v", predictions, err)
	}
}
