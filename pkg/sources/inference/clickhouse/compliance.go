package clickhouse

import (
	"context"
	"fmt"
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
	counts := make([]map[string]int64, iv.Count()+1)
	if len(iv.Runs) > 0 {
		sql := fmt.Sprintf("SELECT toInt32(%s) AS _win, %s AS _v, count() FROM %s%s AND NOT %s GROUP BY _win, _v FORMAT RowBinary",
			intervalOf(&t.Time, iv, 1), text(t.Version), relation, where(t, model, iv.ScanRuns()), isNull(t.Version))
		body, err := st.c.query(ctx, sql)
		if err != nil {
			return nil, st.classify(ctx, err, "counting the versions of "+fault.Echo(model))
		}
		r := &rowBinary{b: body}
		for r.more() {
			k, version, n := int(r.int32()), r.string(), int64(r.uint64())
			if r.err != nil || k < 1 || k > iv.Count() {
				return nil, fault.Downstream(fmt.Errorf("counting the versions of %s: interval %d in the answer (%v)", fault.Echo(model), k, r.err))
			}
			if counts[k] == nil {
				counts[k] = map[string]int64{}
			}
			counts[k][version] += n
		}
	}
	return logstore.VersionsByWindow(iv, counts), nil
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
	noInputs := "1"
	var inputs []string
	for _, c := range t.Inputs() {
		inputs = append(inputs, isNull(c))
	}
	if len(inputs) > 0 {
		noInputs = "(" + strings.Join(inputs, " AND ") + ")"
	}
	counts := make([]sources.AuditCounts, iv.Count()+1)
	if len(iv.Runs) > 0 {
		noID, noVersion := isNull(t.RequestID), isNull(t.Version)
		sql := fmt.Sprintf("SELECT toInt32(%s) AS _win, count(), countIf(%s), countIf(%s), countIf(%s), countIf(NOT %s AND NOT %s AND NOT %s) FROM %s%s GROUP BY _win FORMAT RowBinary",
			intervalOf(&t.Time, iv, 1), noID, noVersion, noInputs, noID, noVersion, noInputs, relation, where(t, model, iv.ScanRuns()))
		body, err := st.c.query(ctx, sql)
		if err != nil {
			return nil, st.classify(ctx, err, "counting the logged predictions of "+fault.Echo(model))
		}
		r := &rowBinary{b: body}
		for r.more() {
			k := int(r.int32())
			c := sources.AuditCounts{Predictions: r.int64(), MissingRequestID: r.int64(), MissingVersion: r.int64(), MissingInputs: r.int64(), Complete: r.int64()}
			if r.err != nil || k < 1 || k > iv.Count() {
				return nil, fault.Downstream(fmt.Errorf("counting the logged predictions of %s: interval %d in the answer (%v)", fault.Echo(model), k, r.err))
			}
			counts[k] = c
		}
	}
	return logstore.AuditByWindow(iv, counts), nil
}

// Retention reports the model's oldest retained prediction, the rows held
// and those older than the cutoff.
func (st *Store) Retention(ctx context.Context, model string, cutoff time.Time) (sources.RetentionFacts, error) {
	t, relation, err := st.table(ctx, model)
	if err != nil {
		return sources.RetentionFacts{}, err
	}
	sql := fmt.Sprintf("SELECT count(), min(%s), countIf(%s < %s) FROM %s%s FORMAT RowBinary",
		timeNumber(&t.Time), col(&t.Time), timeLiteral(&t.Time, cutoff), relation, where(t, model, nil))
	body, err := st.c.query(ctx, sql)
	if err != nil {
		return sources.RetentionFacts{}, st.classify(ctx, err, "counting the retained predictions of "+fault.Echo(model))
	}
	r := &rowBinary{b: body}
	var f sources.RetentionFacts
	f.Rows = r.int64()
	oldest := r.int64()
	f.RowsOlder = r.int64()
	if r.err != nil {
		return f, fault.Downstream(fmt.Errorf("counting the retained predictions of %s: %w", fault.Echo(model), r.err))
	}
	if f.Rows > 0 {
		f.Oldest = timeOf(&t.Time, oldest)
	}
	return f, nil
}
