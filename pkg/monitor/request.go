// Package monitor is the domain layer between the plugin's SDK glue and the
// engine's math: it answers one query by asking the connectors for what it
// needs (once per request), applying the engine and the domain policy (SLA,
// severities, compliance, cost attribution) and building frames.
package monitor

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
)

// Request is one query being answered.
type Request struct {
	Query    query.Query
	Range    Range
	Interval time.Duration // Grafana's suggested interval; steps never go below it
	Catalog  *catalog.Catalog
	Conns    sources.Connections
	Loads    *Loads // shared by the queries of one data request
	Folds    *Folds // shared by every request of the data source; nil merges every time
}

// Handler answers one query type. An error fails that query alone.
type Handler func(ctx context.Context, r *Request) (data.Frames, error)

// Answer runs the query type's handler.
func Answer(ctx context.Context, r *Request) (data.Frames, error) {
	h, ok := handlers[r.Query.QueryType]
	if !ok {
		return nil, errUnknownType(r.Query.QueryType)
	}
	if r.Loads == nil {
		r.Loads = NewLoads()
	}
	return h(ctx, r)
}

// Now is the time the query is answered at.
func (r *Request) Now() time.Time { return r.Range.Now }
