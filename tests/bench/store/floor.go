package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// floorBins is about as many bins as the connector's plan gives a numeric
// feature: the baseline's quantile bins plus the range, fence and domain
// cuts.
const floorBins = 17

// postgresFloor times the least SQL that bins the same rows: per day, how
// many values of each feature fall below each of floorBins edges (counts
// only — no offsets, moments, ranges, scores, labels or groups, which the
// connector's scan adds). It runs as one GROUP BY per day with plain
// aggregates, so PostgreSQL parallelises it as it does the plain scan, and
// with JIT off (compiling 340 filters costs more than it saves). It bounds
// from below what any pushdown of these histograms can cost on this server.
func postgresFloor(ctx context.Context, dsn, table string, from, to time.Time) (time.Duration, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	name := pgx.Identifier{table}.Sanitize()
	var ranges []string
	for _, f := range featureNames() {
		ranges = append(ranges, "min("+f+")", "max("+f+")")
	}
	lims := make([]float64, 2*features)
	targets := make([]any, len(lims))
	for i := range lims {
		targets[i] = &lims[i]
	}
	err = conn.QueryRow(ctx, fmt.Sprintf("SELECT %s FROM %s WHERE model_id = $1 AND ts >= $2 AND ts < $3", strings.Join(ranges, ", "), name), model, from, to).Scan(targets...)
	if err != nil {
		return 0, err
	}
	var counts []string
	for i, f := range featureNames() {
		lo, hi := lims[2*i], lims[2*i+1]
		for j := 1; j <= floorBins; j++ {
			edge := lo + (hi-lo)*float64(j)/float64(floorBins+1)
			counts = append(counts, fmt.Sprintf("count(*) FILTER (WHERE %s < %g)", f, edge))
		}
	}
	sql := fmt.Sprintf("SELECT date_trunc('day', ts) AS day, %s FROM %s WHERE model_id = $1 AND ts >= $2 AND ts < $3 GROUP BY 1", strings.Join(counts, ", "), name)
	if _, err := conn.Exec(ctx, "SET jit = off"); err != nil {
		return 0, err
	}
	run := func() error {
		rows, err := conn.Query(ctx, sql, model, from, to)
		if err != nil {
			return err
		}
		rows.Close()
		return rows.Err()
	}
	if err := run(); err != nil { // the same warm-up the plain scan gets
		return 0, err
	}
	start := time.Now()
	err = run()
	return time.Since(start), err
}
