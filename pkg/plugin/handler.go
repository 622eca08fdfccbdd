package plugin

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
)

// queryHandler answers one query type. An error fails that query alone.
type queryHandler func(ctx context.Context, qc *queryContext) (data.Frames, error)

// queryContext is everything a handler reads: the parsed query, the range,
// the settings and the connectors resolved for the query (nil when none is
// configured for that kind of data).
type queryContext struct {
	Query     query.Query
	Range     backend.TimeRange
	Interval  time.Duration
	Now       time.Time
	Settings  *Settings
	Inference sources.InferenceSource
	Serving   sources.ServingSource
	Billing   sources.BillingSource
}
