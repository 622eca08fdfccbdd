package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// slowClickHouseView is a view of the table that reads slowly (half a
// second per block): a statement against it runs past a short timeout.
func slowClickHouseView(t *testing.T, dsn, table string) string {
	t.Helper()
	view := table + "_slow"
	execClickHouse(t, dsn, "CREATE VIEW `"+view+"` AS SELECT * FROM `"+table+"` WHERE sleep(0.5) = 0")
	t.Cleanup(func() { _, _ = dialClickHouse(t, dsn).Exec(context.Background(), "DROP TABLE IF EXISTS `"+view+"`") })
	return view
}

func TestClickHouseFailuresNameTheSettingToFix(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	table := seedClickHouse(t, dsn)
	slow := slowClickHouseView(t, dsn, table)
	features := func(s map[string]any) []any { return s["features"].([]any) }
	addFeature := func(s map[string]any, column, kind string) {
		s["features"] = append(features(s), map[string]any{"column": column, "kind": kind})
		m := s["models"].([]any)[0].(map[string]any) // risk-assessment
		m["features"] = append(m["features"].([]any), column)
	}
	cases := []failureCase{
		{name: "table that does not exist", edit: func(s map[string]any, _ map[string]string) { s["table"] = "no_such_predictions" },
			model: "risk-assessment", says: []string{"jsonData.inference.table", "no_such_predictions", "grant SELECT"}, healthy: "regulations"},
		{name: "database that does not exist", edit: func(s map[string]any, _ map[string]string) { s["database"] = "no_such_db" },
			model: "risk-assessment", says: []string{"jsonData.inference.database", "no_such_db"}, healthy: "regulations"},
		{name: "mapped column missing", edit: func(s map[string]any, _ map[string]string) { addFeature(s, "no_such_column", "numeric") },
			model: "risk-assessment", says: []string{"inference.features[", "no_such_column", "is not a column"}, healthy: "fraud-detection"},
		{name: "column of the wrong type", edit: func(s map[string]any, _ map[string]string) { addFeature(s, "model_id", "numeric") },
			model: "risk-assessment", says: []string{"inference.features[", "model_id", "String", "numeric feature"}, healthy: "fraud-detection"},
		{name: "score column of the wrong type", edit: func(s map[string]any, _ map[string]string) { s["scoreColumn"] = "ts" },
			model: "risk-assessment", says: []string{"inference.scoreColumn", "DateTime"}, healthy: "demand-forecast"},
		{name: "wrong password", edit: func(_ map[string]any, secrets map[string]string) { secrets["inference.password"] = canarySecret },
			model: "risk-assessment", says: []string{"inference.user", "password"}, healthy: "regulations"},
		{name: "dead server", edit: func(s map[string]any, _ map[string]string) { s["url"] = "http://127.0.0.1:1" },
			model: "risk-assessment", says: []string{"inference.url", "cannot be reached"}, healthy: "regulations"},
		{name: "statement timeout", edit: func(s map[string]any, _ map[string]string) { s["table"], s["statementTimeout"] = slow, 1 },
			model: "risk-assessment", says: []string{"inference.statementTimeout", "statement timeout of 1s"}, healthy: "regulations"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			section, secrets := clickhouseSection(t, dsn, table)
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

// A canary in every secure field of the section appears in no error,
// health message or resource answer, whatever fails.
func TestClickHouseSecretsStaySecret(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	for _, url := range []string{"", "http://127.0.0.1:1", "https://127.0.0.1:1"} {
		section, secrets := clickhouseSection(t, dsn, "no_such_predictions")
		if url != "" {
			section["url"] = url
		}
		for _, key := range []string{"password", "tlsCACert", "tlsClientCert", "tlsClientKey"} {
			secrets["inference."+key] = canarySecret
		}
		d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
		var said []string
		if d.settingsErr != nil {
			said = append(said, d.settingsErr.Error())
		}
		resp := run(t, d, dataQuery("A", map[string]any{"queryType": "quality", "model": "risk-assessment"}, 7*day, day))
		if err := resp.Responses["A"].Error; err != nil {
			said = append(said, err.Error())
		}
		res, _ := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
		said = append(said, res.Message, string(res.JSONDetails))
		for _, path := range []string{"inference/columns", "inference/preview"} {
			_, body := callResource(t, d, path, path)
			said = append(said, body)
		}
		for _, s := range said {
			if strings.Contains(s, canarySecret) {
				t.Errorf("url %q: a secret is repeated: %q", url, s)
			}
		}
		d.Dispose()
	}
}

// The health check reaches the server and checks the mapping; the settings
// editor's resources list the table's columns with their ClickHouse types
// and preview the mapped columns.
func TestClickHouseColumnsAndPreview(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	table := seedClickHouse(t, dsn)
	d := clickhouseDatasource(t, dsn, table, nil)
	res, err := d.CheckHealth(t.Context(), &backend.CheckHealthRequest{})
	if err != nil || res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "ClickHouse") || !strings.Contains(res.Message, table) {
		t.Errorf("health: %v %v %q", err, res.Status, res.Message)
	}
	t.Logf("health: %s", res.Message)
	status, body := callResource(t, d, "inference/columns", "inference/columns")
	var cols []logstore.Column
	if err := json.Unmarshal([]byte(body), &cols); status != 200 || err != nil {
		t.Fatalf("columns: %d %s", status, body)
	}
	byName := map[string]logstore.Column{}
	for _, c := range cols {
		byName[c.Name] = c
	}
	for name, want := range map[string]logstore.Column{
		"ts":       {Name: "ts", Type: "DateTime", Class: logstore.ClassTime},
		"model_id": {Name: "model_id", Type: "String", Class: logstore.ClassText},
		"score":    {Name: "score", Type: "Nullable(Float64)", Class: logstore.ClassFloat, Nullable: true},
		"gender":   {Name: "gender", Type: "Nullable(String)", Class: logstore.ClassText, Nullable: true},
	} {
		if byName[name] != want {
			t.Errorf("column %s: %+v, want %+v", name, byName[name], want)
		}
	}
	status, body = callResource(t, d, "inference/preview", "inference/preview?limit=3")
	var p logstore.Preview
	if err := json.Unmarshal([]byte(body), &p); status != 200 || err != nil {
		t.Fatalf("preview: %d %s", status, body)
	}
	if len(p.Rows) != 3 || len(p.Missing) != 0 || p.Columns[0] != "ts" || len(p.Rows[0]) != len(p.Columns) {
		t.Fatalf("preview: %+v", p)
	}
	if ts := p.Rows[0][0]; ts == nil || !strings.HasPrefix(*ts, "20") {
		t.Errorf("preview's first time: %v", ts)
	}
}

// Closing the panel cancels the query's context: the scan returns at once
// and the server is told to kill the statement, not left to its timeout.
func TestClickHouseCancellationStopsTheStatement(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	table := seedClickHouse(t, dsn)
	slow := slowClickHouseView(t, dsn, table)
	d := clickhouseDatasource(t, dsn, slow, func(s map[string]any) { s["statementTimeout"] = 600 })
	src := d.checks[0].checker.(sources.InferenceSource)
	b, err := clickhouseDatasource(t, dsn, table, nil).conns.Inference.Baseline(t.Context(), "fraud-detection",
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
	time.Sleep(1500 * time.Millisecond)
	running := func() string {
		return strings.TrimSpace(execClickHouse(t, dsn, "SELECT count() FROM system.processes WHERE query_id LIKE 'aiperf-%' AND query NOT LIKE '%system.processes%'"))
	}
	if n := running(); n != "1" {
		t.Fatalf("%s statements of the plugin run before the cancel, want the scan", n)
	}
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
	deadline := time.Now().Add(3 * time.Second)
	for running() != "0" {
		if time.Now().After(deadline) {
			t.Fatalf("%s statements of the plugin still run on the server after the cancel", running())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Nothing a user types reaches the SQL as SQL: table and column names are
// checked against the columns the server lists and quoted; model ids,
// template variables and feature names travel hex-encoded or are rejected.
func TestClickHouseInjectionIsRejectedOrNeutralised(t *testing.T) {
	dsn := envOrSkip(t, "AIPERF_TEST_CLICKHOUSE")
	table := seedClickHouse(t, dsn)
	canary := uniqueTable("canary")
	execClickHouse(t, dsn, "CREATE TABLE `"+canary+"` (x Int32) ENGINE = Memory")
	execClickHouse(t, dsn, "INSERT INTO `"+canary+"` VALUES (1)")
	t.Cleanup(func() { _, _ = dialClickHouse(t, dsn).Exec(context.Background(), "DROP TABLE IF EXISTS `"+canary+"`") })
	drop := "; DROP TABLE `" + canary + "`; --"
	settings := []struct {
		field string
		edit  func(map[string]any)
	}{
		{"inference.table", func(s map[string]any) { s["table"] = table + "`" + drop }},
		{"inference.table", func(s map[string]any) { s["table"] = table + drop }},
		{"inference.table", func(s map[string]any) { s["table"] = table + `\` }},
		{"inference.timeColumn", func(s map[string]any) { s["timeColumn"] = "ts`" + drop }},
		{"inference.modelColumn", func(s map[string]any) { s["modelColumn"] = `model_id = model_id OR 1` + drop }},
		{"inference.labelColumn", func(s map[string]any) { s["labelColumn"] = `label) FROM system.users` + drop }},
		{"inference.features[", func(s map[string]any) {
			s["features"] = append(s["features"].([]any), map[string]any{"column": "income), (SELECT 1" + drop, "kind": "numeric"})
		}},
		{"inference.sensitive[", func(s map[string]any) { s["sensitive"] = append(s["sensitive"].([]any), `gender'`+drop) }},
	}
	for _, c := range settings {
		section, secrets := clickhouseSection(t, dsn, table)
		c.edit(section)
		d := newDatasource(t.Context(), settingsFrom(storeJSONData(t, section), secrets), fixedNow)
		resp := run(t, d, dataQuery("A", map[string]any{"queryType": "quality", "model": "risk-assessment"}, 7*day, day))
		if err := resp.Responses["A"].Error; err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: got %v, want an error naming %s", c.field, err, c.field)
		}
		d.Dispose()
	}
	d := clickhouseDatasource(t, dsn, table, nil)
	for _, body := range []map[string]any{
		{"queryType": "quality", "model": "risk-assessment'" + drop},
		{"queryType": "quality", "model": "risk-assessment' OR '1'='1"},
		{"queryType": "quality", "model": `risk-assessment\' OR 1 --`},
		{"queryType": "driftDistribution", "model": "risk-assessment", "feature": "income'" + drop},
		{"queryType": "driftDistribution", "model": "risk-assessment", "feature": "income`" + drop},
	} {
		if err := run(t, d, dataQuery("A", body, 7*day, day)).Responses["A"].Error; err == nil {
			t.Errorf("%v answered", body)
		}
	}
	// The store sends the model id hex-encoded: an id made of SQL finds no rows.
	src := d.checks[0].checker.(sources.InferenceSource)
	for _, model := range []string{"x' OR '1'='1", "x'; DROP TABLE `" + canary + "`; --", `x\' OR 1 --`, "x` OR 1 --"} {
		if _, err := src.Schema(t.Context(), model); err == nil || !strings.Contains(err.Error(), "has no rows of model") {
			t.Errorf("model %q: got %v, want no rows", model, err)
		}
		if _, ok, err := src.LastPrediction(t.Context(), model, testNow); err != nil || ok {
			t.Errorf("model %q: last prediction %v %v", model, ok, err)
		}
	}
	if n := strings.TrimSpace(execClickHouse(t, dsn, "SELECT count() FROM `"+canary+"`")); n != "1" {
		t.Fatalf("the canary table holds %s rows, want 1", n)
	}
	if n := strings.TrimSpace(execClickHouse(t, dsn, "SELECT count() > 0 FROM `"+table+"`")); n != "1" {
		t.Fatalf("the predictions table is empty")
	}
}
