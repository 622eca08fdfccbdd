package postgres

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// The predictions table also answers the compliance views: which model
// versions served (the version column), how completely each prediction was
// logged (request id, version and inputs present) and what is retained.

var (
	_ sources.ServedVersionSource = (*Store)(nil)
	_ sources.AuditTrailSource    = (*Store)(nil)
	_ sources.RetentionSource     = (*Store)(nil)
)

// needs reports a column the measurement reads that is not mapped.
func (st *Store) needs(setting, name, what string) error {
	if name != "" {
		return nil
	}
	return catalog.FieldError{Field: st.field + "." + setting, Problem: "is not mapped, so " + what + " cannot be measured: map the column that holds it"}
}

// ServedVersions counts each window's predictions per model version.
func (st *Store) ServedVersions(ctx context.Context, model string, windows []sources.Window) ([][]sources.VersionUse, error) {
	if err := st.needs("versionColumn", st.s.VersionColumn, "the versions that served"); err != nil {
		return nil, err
	}
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return nil, err
	}
	iv, err := logstore.NewIntervals(windows)
	if err != nil {
		return nil, err
	}
	perInterval := make([]map[string]int64, iv.Count()+1)
	if len(iv.Runs) > 0 {
		q := &query{}
		q.printf("SELECT width_bucket(%s, %s::%s[]), %s::text, count(*) FROM %s t", col(&t.Time), q.arg(iv.Bounds), timeType(&t.Time), col(t.Version), relation)
		q.where(t, model, iv.ScanRuns())
		q.printf(" AND %s IS NOT NULL GROUP BY 1, 2", col(t.Version))
		rows, err := st.pool.Query(ctx, q.sql.String(), q.args...)
		if err != nil {
			return nil, st.classify(ctx, err, "counting the versions of "+fault.Echo(model))
		}
		var k int
		var version string
		var n int64
		_, err = pgx.ForEachRow(rows, []any{&k, &version, &n}, func() error {
			if perInterval[k] == nil {
				perInterval[k] = map[string]int64{}
			}
			perInterval[k][version] += n
			return nil
		})
		if err != nil {
			return nil, st.classify(ctx, err, "counting the versions of "+fault.Echo(model))
		}
	}
	out := make([][]sources.VersionUse, len(windows))
	for i, covered := range iv.Windows {
		total := map[string]int64{}
		for _, k := range covered {
			for v, n := range perInterval[k] {
				total[v] += n
			}
		}
		out[i] = []sources.VersionUse{}
		for v, n := range total {
			out[i] = append(out[i], sources.VersionUse{Version: v, Predictions: float64(n)})
		}
		sort.Slice(out[i], func(a, b int) bool { return out[i][a].Version < out[i][b].Version })
	}
	return out, nil
}

// AuditTrail counts each window's predictions and those logged without a
// request id, a version or any input.
func (st *Store) AuditTrail(ctx context.Context, model string, windows []sources.Window) ([]sources.AuditCounts, error) {
	if err := st.needs("requestIdColumn", st.s.RequestIDColumn, "audit-trail coverage"); err != nil {
		return nil, err
	}
	if err := st.needs("versionColumn", st.s.VersionColumn, "audit-trail coverage"); err != nil {
		return nil, err
	}
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return nil, err
	}
	iv, err := logstore.NewIntervals(windows)
	if err != nil {
		return nil, err
	}
	noInputs := "true"
	var inputs []string
	for i := range t.Numeric {
		inputs = append(inputs, col(&t.Numeric[i])+" IS NULL")
	}
	for i := range t.Categorical {
		inputs = append(inputs, col(&t.Categorical[i])+" IS NULL")
	}
	if len(inputs) > 0 {
		noInputs = strings.Join(inputs, " AND ")
	}
	noID, noVersion := col(t.RequestID)+" IS NULL", col(t.Version)+" IS NULL"
	perInterval := make([]sources.AuditCounts, iv.Count()+1)
	if len(iv.Runs) > 0 {
		q := &query{}
		q.printf("SELECT width_bucket(%s, %s::%s[]), count(*), count(*) FILTER (WHERE %s), count(*) FILTER (WHERE %s), count(*) FILTER (WHERE %s), count(*) FILTER (WHERE NOT (%s) AND NOT (%s) AND NOT (%s)) FROM %s t",
			col(&t.Time), q.arg(iv.Bounds), timeType(&t.Time), noID, noVersion, noInputs, noID, noVersion, noInputs, relation)
		q.where(t, model, iv.ScanRuns())
		q.printf(" GROUP BY 1")
		rows, err := st.pool.Query(ctx, q.sql.String(), q.args...)
		if err != nil {
			return nil, st.classify(ctx, err, "counting the logged predictions of "+fault.Echo(model))
		}
		var k int
		var c sources.AuditCounts
		_, err = pgx.ForEachRow(rows, []any{&k, &c.Predictions, &c.MissingRequestID, &c.MissingVersion, &c.MissingInputs, &c.Complete}, func() error {
			perInterval[k] = c
			return nil
		})
		if err != nil {
			return nil, st.classify(ctx, err, "counting the logged predictions of "+fault.Echo(model))
		}
	}
	out := make([]sources.AuditCounts, len(windows))
	for i, covered := range iv.Windows {
		for _, k := range covered {
			c := perInterval[k]
			o := &out[i]
			o.Predictions, o.Complete = o.Predictions+c.Predictions, o.Complete+c.Complete
			o.MissingRequestID, o.MissingVersion, o.MissingInputs = o.MissingRequestID+c.MissingRequestID, o.MissingVersion+c.MissingVersion, o.MissingInputs+c.MissingInputs
		}
	}
	return out, nil
}

// Retention reports the model's oldest retained prediction, the rows held
// and those older than the cutoff.
func (st *Store) Retention(ctx context.Context, model string, cutoff time.Time) (sources.RetentionFacts, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return sources.RetentionFacts{}, err
	}
	q := &query{}
	cut := q.timeArg(&t.Time, cutoff)
	q.printf("SELECT min(%s), count(*), count(*) FILTER (WHERE %s < %s) FROM %s t", col(&t.Time), col(&t.Time), cut, relation)
	q.where(t, model, nil)
	var oldest sql.NullTime
	var f sources.RetentionFacts
	if err := st.pool.QueryRow(ctx, q.sql.String(), q.args...).Scan(&oldest, &f.Rows, &f.RowsOlder); err != nil {
		return f, st.classify(ctx, err, "counting the retained predictions of "+fault.Echo(model))
	}
	if oldest.Valid {
		f.Oldest = oldest.Time.UTC()
	}
	return f, nil
}
