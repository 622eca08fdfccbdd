package main

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The wide table is the store benchmark's (tests/bench/store.sh): one
// binary model, the demo fleet's risk-assessment (the same drift onset and
// fairness gap), with WideFeatures numeric feature columns f01..f20 — its
// six numeric features and rescaled mixtures of them — and its two
// sensitive attributes, so every summary of a model with 20 features has
// real work to do:
//
//	aiperf-seed --target postgres-wide|clickhouse-wide --dsn DSN --table bench --days 38 --rows-per-day 260000
func init() {
	targets["postgres-wide"] = writePostgresWide
	targets["clickhouse-wide"] = writeClickHouseWide
}

// wideFeatures is the number of feature columns of the wide table.
const wideFeatures = 20

// wideModel is the simulated model behind every wide row.
const wideModel = demo.RiskAssessment

// wideColumn kinds.
const (
	wideTime = iota
	wideText
	wideFloat
)

type wideColumn struct {
	name string
	kind int
}

// wideColumns lists the wide table's columns in order.
func wideColumns() []wideColumn {
	cols := []wideColumn{{"ts", wideTime}, {"model_id", wideText}, {"model_version", wideText}, {"request_id", wideText},
		{"score", wideFloat}, {"label", wideFloat}}
	for i := 1; i <= wideFeatures; i++ {
		cols = append(cols, wideColumn{fmt.Sprintf("f%02d", i), wideFloat})
	}
	return append(cols, wideColumn{"gender", wideText}, wideColumn{"age_group", wideText})
}

// wideRows walks the model's rows of [from, to) a day at a time and passes
// each as the wide table's values (nil for NULL), times cut to precision;
// the record is reused between calls.
func wideRows(ctx context.Context, fleet *demo.Fleet, from, to time.Time, precision time.Duration, emit func(record []any) error) error {
	spec, err := wideSpec()
	if err != nil {
		return err
	}
	record := make([]any, len(wideColumns()))
	var seq int64
	for day := from; day.Before(to); day = day.Add(24 * time.Hour) {
		end := day.Add(24 * time.Hour)
		if end.After(to) {
			end = to
		}
		err := fleet.Rows(wideModel, day, end, func(ts time.Time, r *engine.Row) error {
			seq++
			wideRecord(spec, ts.UTC().Truncate(precision), r, seq, record)
			if err := emit(record); err != nil {
				return err
			}
			return ctx.Err()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func wideSpec() (demo.ModelSpec, error) {
	for _, s := range demo.Models() {
		if s.ID == wideModel {
			return s, nil
		}
	}
	return demo.ModelSpec{}, fmt.Errorf("the demo fleet has no model %s", wideModel)
}

// wideRecord fills out with one row: feature i is the model's numeric
// feature i mod 6, rescaled, plus a share of the next one, so the extra
// columns drift when the model's own features do.
func wideRecord(spec demo.ModelSpec, ts time.Time, r *engine.Row, seq int64, out []any) {
	clear(out)
	out[0], out[1], out[2] = ts, spec.ID, spec.Version
	out[3] = fmt.Sprintf("%s-%d-%d", spec.ID, ts.Unix(), seq)
	out[4] = nullable(r.Score)
	if r.Labeled {
		out[5] = nullable(r.Label)
	}
	n := len(r.Num)
	for i := range wideFeatures {
		v := r.Num[i%n]
		if i >= n {
			v = v*(1+float64(i/n)/2) + r.Num[(i+1)%n]/float64(i)
		}
		out[6+i] = nullable(v)
	}
	for i, s := range r.Sens {
		if s != "" {
			out[6+wideFeatures+i] = s
		}
	}
}

func nullable(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

// wideRange is the days the wide targets write: whole days up to now.
func wideRange(o options) (from, to time.Time) {
	return o.now.Truncate(24*time.Hour).AddDate(0, 0, -o.days), o.now
}
