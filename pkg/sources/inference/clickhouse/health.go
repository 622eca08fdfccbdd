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
	models := []string{""}
	for _, m := range st.s.Models {
		models = append(models, m.ID)
	}
	for _, m := range models {
		if _, err := st.s.Mapping.Resolve(st.field, cols, m); err != nil {
			return "", err
		}
	}
	body, err := st.c.query(ctx, "SELECT version() FORMAT RowBinary")
	if err != nil {
		return "", st.classify(ctx, err, "asking the server's version")
	}
	version := (&rowBinary{b: body}).string()
	return fmt.Sprintf("%s (server %s): table %s, %d columns, %d features mapped", st.describe(), version, fault.Echo(st.s.Table), len(cols), len(st.s.Features)), nil
}

// maxPreviewRows bounds a preview.
const maxPreviewRows = 20

// Preview returns the first rows of every mapped column, as text.
func (st *Store) Preview(ctx context.Context, limit int) (logstore.Preview, error) {
	cols, err := st.Columns(ctx)
	if err != nil {
		return logstore.Preview{}, err
	}
	byName := map[string]logstore.Column{}
	for _, c := range cols {
		byName[c.Name] = c
	}
	p := logstore.Preview{}
	var sel []string
	for _, name := range st.s.Mapping.Columns() {
		c, ok := byName[name]
		if !ok {
			p.Missing = append(p.Missing, name)
			continue
		}
		p.Columns = append(p.Columns, name)
		sel = append(sel, fmt.Sprintf("%s, toUInt8(%s)", text(&c), isNull(&c)))
	}
	if len(sel) == 0 {
		return p, nil
	}
	st.mu.Lock()
	relation := st.relation
	st.mu.Unlock()
	body, err := st.c.query(ctx, fmt.Sprintf("SELECT %s FROM %s LIMIT %d FORMAT RowBinary", strings.Join(sel, ", "), relation, min(max(limit, 1), maxPreviewRows)))
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
