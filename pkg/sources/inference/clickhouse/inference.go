package clickhouse

import (
	"context"
	"fmt"
	"sync"
	"time"

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
	body, err := st.c.query(ctx, fmt.Sprintf("SELECT count() FROM (SELECT 1 FROM %s%s LIMIT 1) FORMAT RowBinary", relation, where(t, model, nil)))
	if err != nil {
		return engine.Schema{}, st.classify(ctx, err, "looking for model "+fault.Echo(model))
	}
	r := &rowBinary{b: body}
	if n := r.uint64(); r.err != nil || n == 0 {
		if r.err != nil {
			return engine.Schema{}, fault.Downstream(r.err)
		}
		return engine.Schema{}, fault.Userf("%s has no rows of model %s in %s (column %s): check the model id against the model column", st.describe(), fault.Echo(model), fault.Echo(st.s.Table), fault.Echo(t.Model.Name))
	}
	return t.Schema, nil
}

// Baseline profiles the reference window in the server — exact order
// statistics, ranges and category counts — and summarizes it with the bins
// they fix.
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
	body, err := st.c.query(ctx, momentsSQL(relation, t, model, ref, cols))
	if err != nil {
		return nil, err
	}
	r := &rowBinary{b: body}
	rows := r.uint64()
	out := make([]logstore.ColumnProfile, len(cols))
	counts, distinct := make([]int64, len(cols)), make([]int64, len(cols))
	for i := range cols {
		o := &out[i]
		o.Count, o.Min, o.Max, o.Mean, o.Std, o.Distinct = int64(r.uint64()), r.float64(), r.float64(), r.float64(), r.float64(), int64(r.uint64())
		counts[i], distinct[i] = o.Count, o.Distinct
		if o.Count == 0 {
			o.Min, o.Max, o.Mean, o.Std = 0, 0, 0, 0
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if rows == 0 {
		return out, nil
	}
	// The server sorts each column's values once all are read, one column
	// after the other; statements over halves of the columns sort side by side.
	var halves [profileStatements][]int
	for i := range cols {
		if counts[i] > 0 {
			halves[i%profileStatements] = append(halves[i%profileStatements], i)
		}
	}
	var bodies [profileStatements][]byte
	var errs [profileStatements]error
	var wg sync.WaitGroup
	for h, which := range halves {
		if len(which) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies[h], errs[h] = st.c.query(ctx, orderSQL(relation, t, model, ref, cols, which, counts, distinct))
		}()
	}
	wg.Wait()
	for h, which := range halves {
		if errs[h] != nil {
			return nil, errs[h]
		}
		if len(which) == 0 {
			continue
		}
		if err := readOrder(bodies[h], cols, which, counts, distinct, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// profileStatements is how many statements share the order statistics.
const profileStatements = 2

// readOrder reads one order statement's quantiles and values into out.
func readOrder(body []byte, cols []logstore.Profiled, which []int, counts, distinct []int64, out []logstore.ColumnProfile) error {
	r := &rowBinary{b: body}
	r.uint64()
	for _, i := range which {
		p := cols[i]
		q, err := quantiles(counts[i], p, r.floats())
		if r.err != nil {
			return r.err
		}
		if err != nil {
			return err
		}
		out[i].Quantiles = q
		if distinct[i] <= int64(p.MaxValues) {
			// The listed values are the exact count.
			values := r.floats()
			out[i].Distinct = int64(len(values))
			if len(values) <= p.MaxValues {
				out[i].Values = values
			}
		}
	}
	return r.err
}

func (st *Store) categories(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window) ([]logstore.CategoryProfile, error) {
	out := make([]logstore.CategoryProfile, len(t.Categorical))
	if len(t.Categorical) == 0 {
		return out, nil
	}
	body, err := st.c.query(ctx, categoriesSQL(relation, t, model, ref))
	if err != nil {
		return nil, err
	}
	r := &rowBinary{b: body}
	for r.more() {
		k, c := int(r.int32()), r.string()
		r.uint64()
		if r.err != nil || k < 0 || k >= len(out) {
			return nil, fmt.Errorf("the categories query returned feature %d (%v)", k, r.err)
		}
		if len(out[k].Values) == engine.MaxKnownCategories {
			out[k].Truncated = true
			continue
		}
		out[k].Values = append(out[k].Values, c)
	}
	return out, r.err
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
	if len(iv.Runs) == 0 {
		return a.Summaries()
	}
	doing := fmt.Sprintf("summarizing %s in %d windows", model, len(windows))
	sp := summariesSQL(relation, plan, iv, model)
	body, err := st.c.query(ctx, sp.sql)
	if err != nil {
		return nil, st.classify(ctx, err, doing)
	}
	if err := addGroups(a, sp, body, doing); err != nil {
		return nil, err
	}
	for _, p := range a.Probes() {
		body, err := st.c.query(ctx, distinctSQL(relation, t, model, p))
		if err != nil {
			return nil, st.classify(ctx, err, doing)
		}
		r := &rowBinary{b: body}
		var values []float64
		for r.more() {
			values = append(values, r.float64())
		}
		a.Resolve(p, values)
	}
	return a.Summaries()
}

// addGroups reads the summaries statement's rows into the assembler.
func addGroups(a *logstore.Assembler, sp *scanPlan, body []byte, doing string) error {
	r := &rowBinary{b: body}
	for r.more() {
		index, key := r.uint8(), r.uint64()
		g := logstore.Group{Cat: r.string(), N: int64(r.uint64())}
		g.MeanD, g.VarD, g.Min, g.Max, g.X, g.Y = r.float64(), r.float64(), r.float64(), r.float64(), r.float64(), r.float64()
		if r.err != nil {
			break
		}
		if int(index) >= len(sp.selects) {
			return fault.Downstream(fmt.Errorf("%s: the answer holds a row of select %d", doing, index))
		}
		u := sp.selects[index]
		p, code := u.part(int(key % uint64(u.codes)))
		g.Interval, g.Part = int(key/uint64(u.codes))+1, p.part
		var label string
		g.Bin, g.HasBin, label = p.decode(code)
		if p.cat == "" {
			g.Cat = label
		}
		g.HasCat = g.Cat != ""
		if err := a.Add(g); err != nil {
			return err
		}
	}
	if r.err != nil {
		return fault.Downstream(fmt.Errorf("%s: %w", doing, r.err))
	}
	return nil
}

// LastPrediction is the model's latest timestamp at or before at.
func (st *Store) LastPrediction(ctx context.Context, model string, at time.Time) (time.Time, bool, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return time.Time{}, false, err
	}
	// Rows of at's own second count as at or before it (DateTime keeps seconds).
	cut := at
	if !isDateTime64(&t.Time) {
		cut = at.Truncate(time.Second)
	}
	sql := fmt.Sprintf("SELECT count(), max(%s) FROM %s%s AND %s <= %s FORMAT RowBinary", timeNumber(&t.Time), relation, where(t, model, nil), col(&t.Time), timeLiteral(&t.Time, cut))
	body, err := st.c.query(ctx, sql)
	if err != nil {
		return time.Time{}, false, st.classify(ctx, err, "finding the last prediction of "+fault.Echo(model))
	}
	r := &rowBinary{b: body}
	n, last := r.uint64(), r.int64()
	if r.err != nil {
		return time.Time{}, false, fault.Downstream(r.err)
	}
	if n == 0 {
		return time.Time{}, false, nil
	}
	return timeOf(&t.Time, last), true, nil
}
