package postgres

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// The compliance views (logstore/compliance.go), counted per interval.

var (
	_ sources.ServedVersionSource = (*Store)(nil)
	_ sources.AuditTrailSource    = (*Store)(nil)
	_ sources.RetentionSource     = (*Store)(nil)
)

// ServedVersions counts each window's predictions per model version.
func (st *Store) ServedVersions(ctx context.Context, model string, windows []sources.Window) ([][]sources.VersionUse, error) {
	if err := st.s.Needs(st.field, "the versions that served", "versionColumn"); err != nil {
		return nil, err
	}
	t, relation, iv, err := logstore.TableIntervals(ctx, reader{st}, model, windows)
	if err != nil {
		return nil, err
	}
	perInterval := make([]map[string]int64, iv.Count()+1)
	if len(iv.Runs) > 0 {
		q := &query{}
		q.printf("SELECT width_bucket(%s, %s::%s[]), %s::text, count(*) FROM %s t", col(&t.Time), q.arg(iv.Bounds), timeType(&t.Time), col(t.Version), relation)
		q.where(t, model, iv.ScanRuns())
		q.printf(" AND %s IS NOT NULL GROUP BY 1, 2", col(t.Version))
		var k int
		var version string
		var n int64
		err := st.each(ctx, q, []any{&k, &version, &n}, func() error {
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
	return logstore.VersionsByWindow(iv, perInterval), nil
}

// AuditTrail counts each window's predictions and those logged without a
// request id, a version or any input.
func (st *Store) AuditTrail(ctx context.Context, model string, windows []sources.Window) ([]sources.AuditCounts, error) {
	if err := st.s.Needs(st.field, "audit-trail coverage", "requestIdColumn", "versionColumn"); err != nil {
		return nil, err
	}
	t, relation, iv, err := logstore.TableIntervals(ctx, reader{st}, model, windows)
	if err != nil {
		return nil, err
	}
	noInputs := "true"
	var inputs []string
	for _, c := range t.Inputs() {
		inputs = append(inputs, col(c)+" IS NULL")
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
		var k int
		var c sources.AuditCounts
		err := st.each(ctx, q, []any{&k, &c.Predictions, &c.MissingRequestID, &c.MissingVersion, &c.MissingInputs, &c.Complete}, func() error {
			perInterval[k] = c
			return nil
		})
		if err != nil {
			return nil, st.classify(ctx, err, "counting the logged predictions of "+fault.Echo(model))
		}
	}
	return logstore.AuditByWindow(iv, perInterval), nil
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
