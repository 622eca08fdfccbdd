package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// Schema checks the mapping against the table and that the model has rows.
func (st *Store) Schema(ctx context.Context, model string) (engine.Schema, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return engine.Schema{}, err
	}
	var found bool
	err = st.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM "+relation+" t WHERE "+col(&t.Model)+" = $1)", model).Scan(&found)
	if err != nil {
		return engine.Schema{}, st.classify(ctx, err, "looking for model "+fault.Echo(model))
	}
	if !found {
		return engine.Schema{}, fault.Userf("%s has no rows of model %s in %s (column %s): check the model id against the model column", st.describe(), fault.Echo(model), fault.Echo(st.s.Table), fault.Echo(t.Model.Name))
	}
	return t.Schema, nil
}

// Baseline profiles the reference window in the database and summarizes
// it (logstore.Baseline).
func (st *Store) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	return logstore.Baseline(ctx, reader{st}, model, reference)
}

// Summaries summarizes every window with one scan of the table.
func (st *Store) Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	return logstore.Summaries(ctx, reader{st}, model, baseline, windows)
}

// reader runs the shared steps' statements on PostgreSQL.
type reader struct{ st *Store }

func (r reader) Table(ctx context.Context, model string) (*logstore.Table, string, error) {
	return r.st.table(ctx, model)
}

func (r reader) Classify(ctx context.Context, err error, doing string) error {
	return r.st.classify(ctx, err, doing)
}

func (r reader) Profile(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled) ([]logstore.ColumnProfile, error) {
	q := profileSQL(relation, t, model, ref, cols)
	out := make([]logstore.ColumnProfile, len(cols))
	type raw struct {
		min, max, mean, std sql.NullFloat64
		quantiles           []*float64
	}
	raws := make([]raw, len(cols))
	var targets []any
	for i := range cols {
		targets = append(targets, &out[i].Count, &raws[i].min, &raws[i].max, &raws[i].mean, &raws[i].std, &raws[i].quantiles, &out[i].Distinct)
	}
	if len(cols) == 0 {
		targets = append(targets, new(int64))
	}
	if err := r.st.pool.QueryRow(ctx, q.sql.String(), q.args...).Scan(targets...); err != nil {
		return nil, err
	}
	var discrete []int
	for i, rw := range raws {
		o := &out[i]
		o.Min, o.Max, o.Mean, o.Std = rw.min.Float64, rw.max.Float64, rw.mean.Float64, rw.std.Float64
		for _, v := range rw.quantiles {
			if v != nil {
				o.Quantiles = append(o.Quantiles, *v)
			}
		}
		if o.Count > 0 && o.Distinct <= int64(cols[i].MaxValues) {
			discrete = append(discrete, i)
		}
	}
	if len(discrete) == 0 {
		return out, nil
	}
	var k int
	var v float64
	err := r.st.each(ctx, valuesSQL(relation, t, model, ref, cols, discrete), []any{&k, &v}, func() error {
		if k < 0 || k >= len(out) {
			return fmt.Errorf("the values query returned column %d", k)
		}
		out[k].Values = append(out[k].Values, v)
		return nil
	})
	return out, err
}

func (r reader) Categories(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window) ([][]string, error) {
	out := make([][]string, len(t.Categorical))
	var k int
	var c string
	err := r.st.each(ctx, categoriesSQL(relation, t, model, ref), []any{&k, &c}, func() error {
		if k < 0 || k >= len(out) {
			return fmt.Errorf("the categories query returned feature %d", k)
		}
		out[k] = append(out[k], c)
		return nil
	})
	return out, err
}

func (r reader) Scan(ctx context.Context, relation string, plan *logstore.Plan, iv *logstore.Intervals, model string, add func(logstore.Group) error) error {
	var g logstore.Group
	var bin sql.NullInt32
	var cat sql.NullString
	var meanD, varD, mn, mx, x, y sql.NullFloat64
	return r.st.each(ctx, summariesSQL(relation, plan, iv, model), []any{&g.Interval, &g.Part, &bin, &cat, &g.N, &meanD, &varD, &mn, &mx, &x, &y}, func() error {
		g.Bin, g.HasBin = int(bin.Int32), bin.Valid
		g.Cat, g.HasCat = cat.String, cat.Valid
		g.MeanD, g.VarD, g.Min, g.Max, g.X, g.Y = meanD.Float64, varD.Float64, mn.Float64, mx.Float64, x.Float64, y.Float64
		return add(g)
	})
}

func (r reader) Distinct(ctx context.Context, relation string, t *logstore.Table, model string, p logstore.Probe) ([]float64, error) {
	q := distinctSQL(relation, t, model, p)
	rows, err := r.st.pool.Query(ctx, q.sql.String(), q.args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[float64])
}

// LastPrediction is the model's latest timestamp at or before at: a
// backward scan of the (model, time) index.
func (st *Store) LastPrediction(ctx context.Context, model string, at time.Time) (time.Time, bool, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return time.Time{}, false, err
	}
	q := &query{}
	q.printf("SELECT max(%s) FROM %s t", col(&t.Time), relation)
	q.where(t, model, nil)
	q.printf(" AND %s <= %s", col(&t.Time), q.timeArg(&t.Time, at))
	var last sql.NullTime
	if err := st.pool.QueryRow(ctx, q.sql.String(), q.args...).Scan(&last); err != nil {
		return time.Time{}, false, st.classify(ctx, err, "finding the last prediction of "+fault.Echo(model))
	}
	return last.Time.UTC(), last.Valid, nil
}
