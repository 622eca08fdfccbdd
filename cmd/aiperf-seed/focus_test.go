package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/billing/focus"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The export reads back through the FOCUS connector as exactly the demo's
// own charges: same days, models, categories, providers, amounts and
// tokens (GPU hours are the demo's own measure, not a FOCUS column).
func TestFOCUSExportReadsBackAsTheDemoBill(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	fleet := demo.New(demo.Options{Now: func() time.Time { return now }})
	today := now.Truncate(24 * time.Hour)
	want, err := fleet.DailyCosts(t.Context(), today.AddDate(0, 0, -5), today)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"fleet.csv", "fleet.csv.gz", "fleet.parquet"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), name)
			if err := writeFOCUS(t.Context(), fleet, options{out: out, days: 5, now: now}); err != nil {
				t.Fatal(err)
			}
			raw, _ := json.Marshal(map[string]string{"location": out})
			c, err := focus.Open(raw, "billing[0]", nil, http.DefaultClient)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.DailyCosts(t.Context(), today.AddDate(0, 0, -5), today)
			if err != nil {
				t.Fatal(err)
			}
			index := map[string]sources.CostRecord{}
			for _, r := range got {
				index[key(r)] = r
			}
			if len(got) != len(want) {
				t.Fatalf("%d records read back, the demo bills %d", len(got), len(want))
			}
			for _, w := range want {
				g, ok := index[key(w)]
				if !ok || !g.Amount.Equal(w.Amount) || g.Tokens != w.Tokens {
					t.Errorf("%s: read back %+v, the demo bills %+v", key(w), g, w)
				}
			}
		})
	}
}

func key(r sources.CostRecord) string {
	return strings.Join([]string{r.Day.Format(time.DateOnly), r.Model, r.Category, r.Provider, r.Service, r.Currency}, "|")
}

func TestSeederFlags(t *testing.T) {
	for args, want := range map[string]string{
		"--target nowhere":                    `--target "nowhere" is unknown: use one of `,
		"--target focus --out x.csv --days 0": "--days must be between 1 and 400",
		"--target focus":                      "--out is empty",
		"--target focus --out x.xlsx":         "name the export .csv, .csv.gz or .parquet",
	} {
		err := run(strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
}
