package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore/logstoretest"
)

// The store tests run against real servers: tests/integration/store/run.sh
// starts PostgreSQL (and ClickHouse), seeds nothing itself, and sets the
// DSNs; each test seeds its own table with the demo fleet's rows.

// storeRowsPerHour keeps the seeded tables small: 45 days of five models.
const storeRowsPerHour = 60

// storeDays covers the demo catalog's baseline (44 to 30 days ago) and a
// 30-day range.
const storeDays = 45

// storeFleet is the simulator behind every seeded table.
func storeFleet() *demo.Fleet {
	return demo.New(demo.Options{Now: fixedNow, RowsPerHour: storeRowsPerHour})
}

// exactDemo is the demo fleet computed in memory the way the stores
// compute it: the same rows, an exact profile (percentile_cont) for the
// baseline, engine.Summarizer for every window. Registered as a connector
// in the tests only, it is what the stores' frames must equal.
type exactDemo struct{ fleet *demo.Fleet }

func (e exactDemo) Schema(ctx context.Context, model string) (engine.Schema, error) {
	return e.fleet.Schema(ctx, model)
}

func (e exactDemo) rows(model string, w sources.Window) ([]engine.Row, error) {
	var rows []engine.Row
	err := e.fleet.Rows(model, w.From, w.To, func(_ time.Time, r *engine.Row) error {
		c := *r
		c.Num, c.Cat, c.Sens = append([]float64(nil), r.Num...), append([]string(nil), r.Cat...), append([]string(nil), r.Sens...)
		rows = append(rows, c)
		return nil
	})
	return rows, err
}

func (e exactDemo) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	schema, err := e.fleet.Schema(ctx, model)
	if err != nil {
		return nil, err
	}
	rows, err := e.rows(model, reference)
	if err != nil {
		return nil, err
	}
	return logstoretest.ExactBaseline(schema, rows)
}

func (e exactDemo) Summaries(_ context.Context, model string, b *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	out := make([]*engine.Summary, len(windows))
	for i, w := range windows {
		z := engine.NewSummarizer(b)
		err := e.fleet.Rows(model, w.From, w.To, func(_ time.Time, r *engine.Row) error {
			z.Add(r)
			return nil
		})
		if err != nil {
			return nil, err
		}
		out[i] = z.Summary()
	}
	return out, nil
}

func (e exactDemo) LastPrediction(ctx context.Context, model string, at time.Time) (time.Time, bool, error) {
	return e.fleet.LastPrediction(ctx, model, at)
}

func init() {
	inferenceConnectors["exact-demo-test"] = func(context.Context, RoleConfig) (sources.InferenceSource, error) {
		return exactDemo{storeFleet()}, nil
	}
}

// storeJSONData is a data source's jsonData with the demo catalog and an
// inference section.
func storeJSONData(t *testing.T, inference map[string]any) string {
	t.Helper()
	models, err := storeFleet().Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(map[string]any{"inference": inference, "models": models})
	return string(raw)
}

// dsnSection turns a DSN into the inference section's connection fields,
// with the demo mapping on table; the password is returned apart.
func dsnSection(t *testing.T, connector, dsn, table string) (map[string]any, map[string]string) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	section := map[string]any{}
	mapping, _ := json.Marshal(logstore.DemoMapping(table))
	_ = json.Unmarshal(mapping, &section)
	section["connector"] = connector
	section["url"] = u.Host
	section["database"] = strings.TrimPrefix(u.Path, "/")
	section["user"] = u.User.Username()
	if connector == "postgres" {
		section["tlsMode"] = "disable"
	}
	password, _ := u.User.Password()
	return section, map[string]string{"inference.password": password}
}

// storeQueries are the model queries whose frames come from the inference
// summaries: quality (with the label-free estimates), drift, fairness and
// data quality.
var storeQueries = []string{"quality", "confusionMatrix", "reliability", "drift", "driftTrend", "driftDistribution", "fairness", "fairnessTrend", "dataQuality"}

// modelQueries lists every (query, model) of storeQueries that applies.
func modelQueries(t *testing.T) []backend.DataQuery {
	var out []backend.DataQuery
	for _, spec := range demo.Models() {
		for _, qt := range storeQueries {
			if _, na := notApplicable[[2]string{qt, spec.ID}]; na {
				continue
			}
			body := map[string]any{"queryType": qt, "model": spec.ID}
			if qt == "driftDistribution" {
				body["feature"] = spec.Schema.Numeric[0]
			}
			out = append(out, dataQuery(fmt.Sprintf("%s/%s", spec.ID, qt), body, 30*day, day))
		}
	}
	return out
}

// compareStore runs every model query through a store data source and the
// in-memory reference, and compares the frames.
func compareStore(t *testing.T, store *Datasource) {
	t.Helper()
	reference := newDatasource(t.Context(), settingsFrom(storeJSONData(t, map[string]any{"connector": "exact-demo-test"}), nil), fixedNow)
	if reference.settingsErr != nil {
		t.Fatal(reference.settingsErr)
	}
	queries := modelQueries(t)
	got, want := run(t, store, queries...), run(t, reference, queries...)
	for _, q := range queries {
		g, w := got.Responses[q.RefID], want.Responses[q.RefID]
		if w.Error != nil {
			t.Fatalf("%s: the reference failed: %v", q.RefID, w.Error)
		}
		if g.Error != nil {
			t.Errorf("%s: %v", q.RefID, g.Error)
			continue
		}
		for _, d := range diffFrames(g.Frames, w.Frames, 1e-6) {
			t.Errorf("%s: %s", q.RefID, d)
		}
	}
}

// diffFrames lists where two sets of frames differ: names, fields, labels,
// types, and values (floats within a relative tolerance).
func diffFrames(got, want data.Frames, tol float64) []string {
	var out []string
	add := func(format string, a ...any) {
		if len(out) < 20 {
			out = append(out, fmt.Sprintf(format, a...))
		}
	}
	if len(got) != len(want) {
		return []string{fmt.Sprintf("%d frames, want %d", len(got), len(want))}
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || len(g.Fields) != len(w.Fields) || g.Rows() != w.Rows() {
			add("frame %d: %q %d fields × %d rows, want %q %d × %d", i, g.Name, len(g.Fields), g.Rows(), w.Name, len(w.Fields), w.Rows())
			continue
		}
		for j := range w.Fields {
			gf, wf := g.Fields[j], w.Fields[j]
			if gf.Name != wf.Name || gf.Labels.String() != wf.Labels.String() || gf.Type() != wf.Type() {
				add("frame %q field %d: %s%s %s, want %s%s %s", w.Name, j, gf.Name, gf.Labels, gf.Type(), wf.Name, wf.Labels, wf.Type())
				continue
			}
			for r := 0; r < wf.Len(); r++ {
				gv, wv := gf.At(r), wf.At(r)
				if !sameValue(gv, wv, tol) {
					add("frame %q field %s%s row %d: %v, want %v", w.Name, wf.Name, wf.Labels, r, show(gv), show(wv))
				}
			}
		}
	}
	return out
}

func sameValue(g, w any, tol float64) bool {
	switch wv := w.(type) {
	case float64:
		return closeTo(g.(float64), wv, tol)
	case *float64:
		gv := g.(*float64)
		if gv == nil || wv == nil {
			return gv == nil && wv == nil
		}
		return closeTo(*gv, *wv, tol)
	}
	return fmt.Sprint(show(g)) == fmt.Sprint(show(w))
}

func closeTo(g, w, tol float64) bool {
	if g == w || (math.IsNaN(g) && math.IsNaN(w)) {
		return true
	}
	return math.Abs(g-w) <= tol*math.Max(1e-3, math.Max(math.Abs(g), math.Abs(w)))
}

func show(v any) any {
	switch p := v.(type) {
	case *float64:
		if p != nil {
			return *p
		}
	case *string:
		if p != nil {
			return *p
		}
	case *int64:
		if p != nil {
			return *p
		}
	case *bool:
		if p != nil {
			return *p
		}
	case *time.Time:
		if p != nil {
			return *p
		}
	}
	return v
}

// uniqueTable names a fresh table for one test.
func uniqueTable(prefix string) string { return fmt.Sprintf("%s_%d", prefix, rand.Uint32()) }

func envOrSkip(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Skipf("%s is not set: tests/integration/store/run.sh starts the server these tests need", name)
	}
	return v
}
