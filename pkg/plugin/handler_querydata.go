package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/monitor"
	"github.com/aiperf/monitor/pkg/query"
)

// queryTimeout is the longest one query may run, whatever Grafana's own
// timeouts: a backstop so no query holds a connector for hours.
const queryTimeout = 2 * time.Minute

// loadsKey carries one data request's shared loads to every query of it.
type loadsKey struct{}

// QueryData answers each query of the request through the mux, each isolated
// from the others. Grafana's rule evaluation may put the query type only in
// the query JSON, so it is routed by that when the request names none.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	routed, rejected := routeQueries(req.Queries)
	resp := backend.NewQueryDataResponse()
	if len(routed) > 0 {
		r := *req
		r.Queries = routed
		answered, err := d.mux.QueryData(context.WithValue(ctx, loadsKey{}, monitor.NewLoads()), &r)
		if err != nil {
			return nil, err
		}
		for refID, res := range answered.Responses {
			resp.Responses[refID] = res
		}
	}
	for refID, res := range rejected {
		resp.Responses[refID] = res
	}
	return resp, nil
}

// routeQueries fills each query's type from its JSON when the request has
// none, and rejects duplicate refIds and disagreeing query types.
func routeQueries(queries []backend.DataQuery) ([]backend.DataQuery, map[string]backend.DataResponse) {
	rejected := map[string]backend.DataResponse{}
	count := map[string]int{}
	for _, q := range queries {
		count[q.RefID]++
	}
	var routed []backend.DataQuery
	for _, q := range queries {
		if count[q.RefID] > 1 {
			rejected[q.RefID] = userError(fmt.Sprintf("refId %s is used by %d queries of this request: give each query its own refId", fault.Echo(q.RefID), count[q.RefID]))
			continue
		}
		var inner struct {
			QueryType string `json:"queryType"`
		}
		_ = json.Unmarshal(q.JSON, &inner) // unreadable JSON is reported by the parser
		switch {
		case q.QueryType == "":
			q.QueryType = inner.QueryType
		case inner.QueryType != "" && inner.QueryType != q.QueryType:
			rejected[q.RefID] = userError(fmt.Sprintf("the request says queryType %s but the query JSON says %s: re-create the query in the query editor",
				fault.Echo(q.QueryType), fault.Echo(inner.QueryType)))
			continue
		}
		routed = append(routed, q)
	}
	return routed, rejected
}

func (d *Datasource) newMux() *datasource.QueryTypeMux {
	mux := datasource.NewQueryTypeMux()
	for _, info := range query.Types {
		mux.HandleFunc(string(info.Value), d.serve)
	}
	// Unknown or empty query types land here and fail with the list of valid ones.
	mux.HandleFunc("", d.serve)
	return mux
}

// serve answers the queries of one query type, each isolated.
func (d *Datasource) serve(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	loads, _ := ctx.Value(loadsKey{}).(*monitor.Loads)
	if loads == nil {
		loads = monitor.NewLoads()
	}
	for _, q := range req.Queries {
		resp.Responses[q.RefID] = d.answer(ctx, q, loads)
	}
	return resp, nil
}

// answer parses, validates and runs one query; a panic becomes its error.
func (d *Datasource) answer(ctx context.Context, dq backend.DataQuery, loads *monitor.Loads) (res backend.DataResponse) {
	defer func() {
		if r := recover(); r != nil {
			log.DefaultLogger.FromContext(ctx).Error("query panicked", "refId", dq.RefID, "queryType", dq.QueryType, "panic", r, "stack", string(debug.Stack()))
			res = backend.ErrDataResponse(backend.StatusInternal, fmt.Sprintf("internal error while answering %s query %s; see the Grafana server log", fault.Echo(dq.QueryType), fault.Echo(dq.RefID)))
		}
	}()
	if d.settingsErr != nil {
		return userError("the data source settings are invalid: " + d.settingsErr.Error())
	}
	q, err := query.Parse(dq.JSON, dq.QueryType)
	if err != nil {
		return userError(err.Error())
	}
	rng, err := monitor.NewRange(dq.TimeRange.From, dq.TimeRange.To, d.now())
	if err != nil {
		return errorResponse(ctx, err)
	}
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	cat, catalogErr := d.catalogs.get(ctx)
	r := &monitor.Request{Query: q, Range: rng, Interval: dq.Interval, Catalog: cat, Conns: d.conns, Loads: loads, Folds: d.folds}
	frames, err := monitor.Answer(ctx, r)
	if err != nil {
		if catalogErr != nil && fault.IsUser(err) {
			err = fmt.Errorf("%w (%v)", err, catalogErr)
		}
		return errorResponse(ctx, err)
	}
	for _, f := range frames {
		f.RefID = dq.RefID
	}
	return backend.DataResponse{Frames: frames}
}
