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

// Baseline profiles the reference window in the database — quantiles,
// ranges and category counts — and summarizes it with the bins they fix.
func (st *Store) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return nil, err
	}
	doing := fmt.Sprintf("profiling the baseline of %s (%s to %s)", model, reference.From.UTC().Format(time.DateOnly), reference.To.UTC().Format(time.DateOnly))
	cols := t.ProfiledColumns()
	measured, err := st.profile(ctx, relation, t, model, reference, cols)
	if err != nil {
		return nil, st.classify(ctx, err, doing)
	}
	categories, err := st.categories(ctx, relation, t, model, reference)
	if err != nil {
		return nil, st.classify(ctx, err, doing)
	}
	b, err := logstore.NewBaseline(t, measured, categories)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doing, err)
	}
	summaries, err := st.Summaries(ctx, model, b, []sources.Window{reference})
	if err != nil {
		return nil, err
	}
	b.Summary = summaries[0]
	return b, nil
}

func (st *Store) profile(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled) ([]logstore.ColumnProfile, error) {
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
	if err := st.pool.QueryRow(ctx, q.sql.String(), q.args...).Scan(targets...); err != nil {
		return nil, err
	}
	var discrete []int
	for i, r := range raws {
		o := &out[i]
		o.Min, o.Max, o.Mean, o.Std = r.min.Float64, r.max.Float64, r.mean.Float64, r.std.Float64
		for _, v := range r.quantiles {
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
	vq := valuesSQL(relation, t, model, ref, cols, discrete)
	rows, err := st.pool.Query(ctx, vq.sql.String(), vq.args...)
	if err != nil {
		return nil, err
	}
	var k int
	var v float64
	_, err = pgx.ForEachRow(rows, []any{&k, &v}, func() error {
		if k < 0 || k >= len(out) {
			return fmt.Errorf("the values query returned column %d", k)
		}
		out[k].Values = append(out[k].Values, v)
		return nil
	})
	return out, err
}

func (st *Store) categories(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window) ([]logstore.CategoryProfile, error) {
	out := make([]logstore.CategoryProfile, len(t.Categorical))
	if len(t.Categorical) == 0 {
		return out, nil
	}
	q := categoriesSQL(relation, t, model, ref)
	rows, err := st.pool.Query(ctx, q.sql.String(), q.args...)
	if err != nil {
		return nil, err
	}
	var k int
	var c string
	_, err = pgx.ForEachRow(rows, []any{&k, &c}, func() error {
		if k < 0 || k >= len(out) {
			return fmt.Errorf("the categories query returned feature %d", k)
		}
		if len(out[k].Values) == engine.MaxKnownCategories {
			out[k].Truncated = true
			return nil
		}
		out[k].Values = append(out[k].Values, c)
		return nil
	})
	return out, err
}

// Summaries summarizes every window with one scan of the table.
func (st *Store) Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return nil, err
	}
	if err := logstore.Matches(t, baseline); err != nil {
		return nil, err
	}
	iv, err := logstore.NewIntervals(windows)
	if err != nil {
		return nil, err
	}
	plan := logstore.NewPlan(t, baseline)
	a, err := logstore.NewAssembler(plan, iv)
	if err != nil {
		return nil, err
	}
	if len(iv.Runs) > 0 {
		doing := fmt.Sprintf("summarizing %s in %d windows", model, len(windows))
		if err := st.scan(ctx, summariesSQL(relation, plan, iv, model), a); err != nil {
			return nil, st.classify(ctx, err, doing)
		}
		for _, p := range a.Probes() {
			values, err := st.distinct(ctx, relation, t, model, p)
			if err != nil {
				return nil, st.classify(ctx, err, doing)
			}
			a.Resolve(p, values)
		}
	}
	return a.Summaries()
}

// scan runs the summaries statement and feeds its groups to the assembler.
func (st *Store) scan(ctx context.Context, q *query, a *logstore.Assembler) error {
	rows, err := st.pool.Query(ctx, q.sql.String(), q.args...)
	if err != nil {
		return err
	}
	var g logstore.Group
	var bin sql.NullInt32
	var cat sql.NullString
	var meanD, varD, mn, mx, x, y sql.NullFloat64
	_, err = pgx.ForEachRow(rows, []any{&g.Interval, &g.Part, &bin, &cat, &g.N, &meanD, &varD, &mn, &mx, &x, &y}, func() error {
		g.Bin, g.HasBin = int(bin.Int32), bin.Valid
		g.Cat, g.HasCat = cat.String, cat.Valid
		g.MeanD, g.VarD, g.Min, g.Max, g.X, g.Y = meanD.Float64, varD.Float64, mn.Float64, mx.Float64, x.Float64, y.Float64
		return a.Add(g)
	})
	return err
}

func (st *Store) distinct(ctx context.Context, relation string, t *logstore.Table, model string, p logstore.Probe) ([]float64, error) {
	q := distinctSQL(relation, t, model, p)
	rows, err := st.pool.Query(ctx, q.sql.String(), q.args...)
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
