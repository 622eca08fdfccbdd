package plugin

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/aiperf/monitor/pkg/query"
)

// handlers maps every query type to its handler.
func (d *Datasource) handlers() map[query.Type]queryHandler {
	h := map[query.Type]queryHandler{
		query.QueryTypeLatency:           latencyFrames,
		query.QueryTypeThroughput:        throughputFrames,
		query.QueryTypeErrorRate:         errorRateFrames,
		query.QueryTypeQuality:           qualityFrames,
		query.QueryTypeConfusionMatrix:   confusionMatrixFrames,
		query.QueryTypeReliability:       reliabilityFrames,
		query.QueryTypeDrift:             driftFrames,
		query.QueryTypeDriftTrend:        driftTrendFrames,
		query.QueryTypeDriftDistribution: driftDistributionFrames,
		query.QueryTypeFairness:          fairnessFrames,
		query.QueryTypeFairnessTrend:     fairnessTrendFrames,
		query.QueryTypeDataQuality:       dataQualityFrames,
	}
	for t, fn := range fleetHandlers() {
		h[t] = fn
	}
	return h
}

func (d *Datasource) newMux() *datasource.QueryTypeMux {
	mux := datasource.NewQueryTypeMux()
	for t, h := range d.handlers() {
		mux.HandleFunc(string(t), d.serve(h))
	}
	// Unknown or empty query types land here and fail with the list of valid ones.
	mux.HandleFunc("", d.serve(nil))
	return mux
}

// serve runs a handler once per query of the request, each isolated.
func (d *Datasource) serve(h queryHandler) func(context.Context, *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	return func(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
		resp := backend.NewQueryDataResponse()
		for _, q := range req.Queries {
			resp.Responses[q.RefID] = d.answer(ctx, h, q)
		}
		return resp, nil
	}
}

// answer parses, validates and runs one query; a panic becomes its error.
func (d *Datasource) answer(ctx context.Context, h queryHandler, dq backend.DataQuery) (res backend.DataResponse) {
	defer func() {
		if r := recover(); r != nil {
			log.DefaultLogger.FromContext(ctx).Error("query panicked", "refId", dq.RefID, "queryType", dq.QueryType, "panic", r, "stack", string(debug.Stack()))
			res = backend.ErrDataResponse(backend.StatusInternal, fmt.Sprintf("internal error while answering %s query %s; see the Grafana server log", dq.QueryType, dq.RefID))
		}
	}()
	if d.settingsErr != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, "the data source settings are invalid: "+d.settingsErr.Error())
	}
	q, err := query.Parse(dq.JSON, dq.QueryType)
	if err != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error())
	}
	if h == nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, fmt.Sprintf("queryType %q has no handler", q.QueryType))
	}
	qc, err := d.contextFor(q, dq)
	if err != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error())
	}
	frames, err := h(ctx, qc)
	if err != nil {
		return errorResponse(ctx, err)
	}
	for _, f := range frames {
		f.RefID = dq.RefID
	}
	return backend.DataResponse{Frames: frames}
}

// contextFor resolves the query's connectors. Only the demo exists so far.
func (d *Datasource) contextFor(q query.Query, dq backend.DataQuery) (*queryContext, error) {
	qc := &queryContext{Query: q, Range: dq.TimeRange, Interval: dq.Interval, Now: d.now(), Settings: d.settings}
	switch q.Source {
	case "", sourceDemo:
		if d.demo == nil {
			return nil, errors.New("no source is configured for this query: enable the built-in demo fleet or configure a connector in the data source settings")
		}
		qc.Inference, qc.Serving, qc.Billing = d.demo, d.demo, d.demo
	default:
		return nil, fmt.Errorf("source %q is not configured: use %q or leave source empty", q.Source, sourceDemo)
	}
	return qc, nil
}

const sourceDemo = "demo"

// errorResponse classifies a handler error: cancellations and connector
// failures are downstream, everything else is ours.
func errorResponse(ctx context.Context, err error) backend.DataResponse {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), ctx.Err() != nil:
		return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourceDownstream, "the query was cancelled or timed out: "+err.Error())
	case errors.As(err, new(badQueryError)):
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error())
	case backend.IsDownstreamError(err):
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, err.Error())
	default:
		return backend.ErrDataResponse(backend.StatusInternal, err.Error())
	}
}

// badQueryError is an error caused by what the query asked for (an unknown
// model, feature or attribute): the user's to fix, so it is downstream.
type badQueryError struct{ msg string }

func (e badQueryError) Error() string { return e.msg }

func badQuery(format string, args ...any) error {
	return badQueryError{fmt.Sprintf(format, args...)}
}
