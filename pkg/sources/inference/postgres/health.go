package postgres

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
	var version string
	if err := st.pool.QueryRow(ctx, "SELECT current_setting('server_version')").Scan(&version); err != nil {
		return "", st.classify(ctx, err, "asking the server's version")
	}
	return fmt.Sprintf("%s (server %s): table %s, %d columns, %d features mapped", st.describe(), version, fault.Echo(st.s.Table), len(cols), len(st.s.Features)), nil
}

// Preview returns the first rows of every mapped column, as text, for the
// settings editor to show the mapping at work.
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
		sel = append(sel, text(&c))
	}
	if len(sel) == 0 {
		return p, nil
	}
	st.mu.Lock()
	relation := st.relation
	st.mu.Unlock()
	q := "SELECT " + strings.Join(sel, ", ") + " FROM " + relation + " t LIMIT $1"
	rows, err := st.pool.Query(ctx, q, logstore.PreviewRows(limit))
	if err != nil {
		return p, st.classify(ctx, err, "previewing "+fault.Echo(st.s.Table))
	}
	defer rows.Close()
	for rows.Next() {
		values := make([]*string, len(sel))
		targets := make([]any, len(sel))
		for i := range values {
			targets[i] = &values[i]
		}
		if err := rows.Scan(targets...); err != nil {
			return p, st.classify(ctx, err, "previewing "+fault.Echo(st.s.Table))
		}
		p.Rows = append(p.Rows, values)
	}
	if err := rows.Err(); err != nil {
		return p, st.classify(ctx, err, "previewing "+fault.Echo(st.s.Table))
	}
	return p, nil
}
