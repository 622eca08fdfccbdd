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
// statistics, ranges and category counts — and summarizes it
// (logstore.Baseline).
func (st *Store) Baseline(ctx context.Context, model string, reference sources.Window) (*engine.Baseline, error) {
	return logstore.Baseline(ctx, reader{st}, model, reference)
}

// Summaries summarizes every window with one scan of the table.
func (st *Store) Summaries(ctx context.Context, model string, baseline *engine.Baseline, windows []sources.Window) ([]*engine.Summary, error) {
	return logstore.Summaries(ctx, reader{st}, model, baseline, windows)
}

// reader runs the shared steps' statements on ClickHouse.
type reader struct{ st *Store }

func (r reader) Table(ctx context.Context, model string) (*logstore.Table, string, error) {
	return r.st.table(ctx, model)
}

func (r reader) Classify(ctx context.Context, err error, doing string) error {
	return r.st.classify(ctx, err, doing)
}

func (r reader) Profile(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window, cols []logstore.Profiled) ([]logstore.ColumnProfile, error) {
	return r.st.profile(ctx, relation, t, model, ref, cols)
}

func (r reader) Categories(ctx context.Context, relation string, t *logstore.Table, model string, ref sources.Window) ([][]string, error) {
	out := make([][]string, len(t.Categorical))
	body, err := r.st.c.query(ctx, categoriesSQL(relation, t, model, ref))
	if err != nil {
		return nil, err
	}
	rb := &rowBinary{b: body}
	for rb.more() {
		k, c := int(rb.int32()), rb.string()
		rb.uint64()
		if rb.err != nil || k < 0 || k >= len(out) {
			return nil, fmt.Errorf("the categories query returned feature %d (%v)", k, rb.err)
		}
		out[k] = append(out[k], c)
	}
	return out, rb.err
}

func (r reader) Scan(ctx context.Context, relation string, plan *logstore.Plan, iv *logstore.Intervals, model string, add func(logstore.Group) error) error {
	sp := summariesSQL(relation, plan, iv, model)
	body, err := r.st.c.query(ctx, sp.sql)
	if err != nil {
		return err
	}
	return addGroups(sp, body, add)
}

func (r reader) Distinct(ctx context.Context, relation string, t *logstore.Table, model string, p logstore.Probe) ([]float64, error) {
	body, err := r.st.c.query(ctx, distinctSQL(relation, t, model, p))
	if err != nil {
		return nil, err
	}
	rb := &rowBinary{b: body}
	var values []float64
	for rb.more() {
		values = append(values, rb.float64())
	}
	return values, rb.err
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

// addGroups reads the summaries statement's rows as groups.
func addGroups(sp *scanPlan, body []byte, add func(logstore.Group) error) error {
	r := &rowBinary{b: body}
	for r.more() {
		index, key := r.uint8(), r.uint64()
		g := logstore.Group{Cat: r.string(), N: int64(r.uint64())}
		g.MeanD, g.VarD, g.Min, g.Max, g.X, g.Y = r.float64(), r.float64(), r.float64(), r.float64(), r.float64(), r.float64()
		if r.err != nil {
			break
		}
		if int(index) >= len(sp.selects) {
			return fmt.Errorf("the answer holds a row of select %d", index)
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
		if err := add(g); err != nil {
			return err
		}
	}
	return r.err
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
