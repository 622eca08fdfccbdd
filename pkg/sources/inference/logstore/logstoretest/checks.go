package logstoretest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The checks every SQL store passes against a table seeded with the demo
// fleet's rows (aiperf-seed's simulator): the store's tests seed the table
// and open the store, these compare it with the engine.

// Store is a SQL store as the checks read it.
type Store interface {
	sources.InferenceSource
	sources.ServedVersionSource
	sources.AuditTrailSource
	sources.RetentionSource
}

// RowsOf is the fleet's rows of a model in a window.
func RowsOf(t *testing.T, fleet *demo.Fleet, model string, w sources.Window) []engine.Row {
	t.Helper()
	var rows []engine.Row
	err := fleet.Rows(model, w.From, w.To, func(_ time.Time, r *engine.Row) error {
		c := *r
		c.Num, c.Cat, c.Sens = slices.Clone(r.Num), slices.Clone(r.Cat), slices.Clone(r.Sens)
		rows = append(rows, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// SummariesEqualTheEngines: the same rows, summarized in the store and by
// engine.Summarizer with the same baseline, agree field by field, and the
// baseline the store profiled has the bins an exact in-memory profile of
// the same rows fixes. The table holds the fleet's last six days before now.
func SummariesEqualTheEngines(t *testing.T, st Store, fleet *demo.Fleet, now time.Time) {
	ctx := context.Background()
	day := 24 * time.Hour
	start := now.Truncate(day).AddDate(0, 0, -6)
	reference := sources.Window{From: start, To: start.Add(3 * day)}
	// Daily windows, an hourly one, a window straddling two days, and the
	// open window up to now: overlapping and scattered windows in one scan.
	windows := []sources.Window{
		{From: start.Add(3 * day), To: start.Add(4 * day)}, {From: start.Add(4 * day), To: start.Add(5 * day)},
		{From: start.Add(5 * day), To: start.Add(6 * day)}, {From: start.Add(4*day + 5*time.Hour), To: start.Add(4*day + 6*time.Hour)},
		{From: start.Add(3*day + 12*time.Hour), To: start.Add(4*day + 12*time.Hour)}, {From: now.Add(-3 * time.Hour), To: now},
	}
	for _, spec := range demo.Models() {
		t.Run(spec.ID, func(t *testing.T) {
			b, err := st.Baseline(ctx, spec.ID, reference)
			if err != nil {
				t.Fatal(err)
			}
			exact, err := ExactBaseline(b.Schema, RowsOf(t, fleet, spec.ID, reference))
			if err != nil {
				t.Fatal(err)
			}
			for i := range exact.Numeric {
				if !slices.Equal(b.Numeric[i].Edges, exact.Numeric[i].Edges) {
					t.Errorf("feature %s: edges from the store differ from the exact profile's:\n got %v\nwant %v", exact.Numeric[i].Name, b.Numeric[i].Edges, exact.Numeric[i].Edges)
				}
			}
			if !slices.Equal(b.ScoreEdges, exact.ScoreEdges) || !slices.Equal(b.Prediction.Edges, exact.Prediction.Edges) {
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
				for _, d := range Diff(got, z.Summary()) {
					t.Errorf("%s: %s", name, d)
				}
			}
			check("baseline summary", b.Summary, RowsOf(t, fleet, spec.ID, reference))
			got, err := st.Summaries(ctx, spec.ID, b, windows)
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range windows {
				check(fmt.Sprintf("window %d", i), got[i], RowsOf(t, fleet, spec.ID, w))
			}
		})
	}
}

// ComplianceCountsMatchTheSeededRows: the compliance counts agree with the
// rows the seeder wrote — every demo row has a request id, a version and
// inputs; the versions are the catalog's; the oldest row is the first
// seeded. The table holds the fleet's last three days before now; bare is
// the same store without its request id column mapped.
func ComplianceCountsMatchTheSeededRows(t *testing.T, st Store, bare sources.AuditTrailSource, fleet *demo.Fleet, now time.Time) {
	ctx := context.Background()
	day := 24 * time.Hour
	start := now.Truncate(day).AddDate(0, 0, -3)
	windows := []sources.Window{{From: start, To: start.Add(day)}, {From: start.Add(day), To: now}}
	for _, spec := range demo.Models() {
		want := make([]int64, len(windows))
		for i, w := range windows {
			want[i] = int64(len(RowsOf(t, fleet, spec.ID, w)))
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
	if _, err := bare.AuditTrail(ctx, demo.FraudDetection, windows); err == nil || !strings.Contains(err.Error(), "inference.requestIdColumn") {
		t.Errorf("audit without request ids: %v", err)
	}
}
