package clickhouse

import (
	"context"
	"fmt"
	"strings"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// CheckHealth connects, reads the table's columns and checks the mapping
// of every model it names (and the table's defaults).
func (st *Store) CheckHealth(ctx context.Context) (string, error) {
	cols, err := st.Columns(ctx)
	if err != nil {
		return "", err
	}
	if err := st.s.ResolveAll(st.field, cols); err != nil {
		return "", err
	}
	body, err := st.c.query(ctx, "SELECT version() FORMAT RowBinary")
	if err != nil {
		return "", st.classify(ctx, err, "asking the server's version")
	}
	version := (&rowBinary{b: body}).string()
	return fmt.Sprintf("%s (server %s): table %s, %d columns, %d features mapped", st.describe(), version, fault.Echo(st.s.Table), len(cols), len(st.s.Features)), nil
}

// Preview returns the first rows of every mapped column, as text.
func (st *Store) Preview(ctx context.Context, limit int) (logstore.Preview, error) {
	cols, err := st.Columns(ctx)
	if err != nil {
		return logstore.Preview{}, err
	}
	present, missing := st.s.Present(cols)
	p := logstore.Preview{Missing: missing}
	var sel []string
	for _, c := range present {
		p.Columns = append(p.Columns, c.Name)
		sel = append(sel, fmt.Sprintf("%s, toUInt8(%s)", text(&c), isNull(&c)))
	}
	if len(sel) == 0 {
		return p, nil
	}
	st.mu.Lock()
	relation := st.relation
	st.mu.Unlock()
	body, err := st.c.query(ctx, fmt.Sprintf("SELECT %s FROM %s LIMIT %d FORMAT RowBinary", strings.Join(sel, ", "), relation, logstore.PreviewRows(limit)))
	if err != nil {
		return p, st.classify(ctx, err, "previewing "+fault.Echo(st.s.Table))
	}
	r := &rowBinary{b: body}
	for r.more() {
		row := make([]*string, len(sel))
		for i := range row {
			v := r.string()
			if null := r.take(1); null != nil && null[0] == 0 {
				row[i] = &v
			}
		}
		p.Rows = append(p.Rows, row)
	}
	if r.err != nil {
		return p, fault.Downstream(fmt.Errorf("previewing %s: %w", fault.Echo(st.s.Table), r.err))
	}
	return p, nil
}
