// Package prometheus is the serving connector for Prometheus and the engines
// with its HTTP API (Mimir, Thanos, VictoriaMetrics): it reads each model's
// runtime metrics through the runtime catalog and returns mergeable serving
// summaries per window. It knows PromQL and the API, nothing about metrics.
package prometheus

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/serving/httpconn"
)

// client speaks Prometheus's HTTP API (docs/querying/api.md).
type client struct {
	conn *httpconn.Connection
	http *http.Client
}

// apiResponse is the envelope of every API answer.
type apiResponse struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
}

// sample is one series of a matrix or vector result.
type sample struct {
	Metric map[string]string `json:"metric"`
	Values [][2]any          `json:"values"` // matrix
	Value  [2]any            `json:"value"`  // vector
}

type queryData struct {
	ResultType string   `json:"resultType"`
	Result     []sample `json:"result"`
}

// point is one evaluated value.
type point struct {
	at    time.Time
	value float64
}

// series is one result series: its labels and points.
type series struct {
	labels map[string]string
	points []point
}

// post sends a form to an API path and decodes data into out.
func (c *client) post(ctx context.Context, path string, form url.Values, what string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.conn.Endpoint(path), strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.send(req, what, out)
}

// get sends the parameters in the URL: the label-values API takes no form.
func (c *client) get(ctx context.Context, path string, params url.Values, what string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.conn.Endpoint(path)+"?"+params.Encode(), nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return c.send(req, what, out)
}

// send runs a request and decodes the API envelope's data into out.
func (c *client) send(req *http.Request, what string, out any) error {
	status, body, err := c.conn.Do(c.http, req, what)
	if err != nil {
		return err
	}
	var env apiResponse
	if jerr := json.Unmarshal(body, &env); jerr != nil || env.Status == "" {
		if status != http.StatusOK {
			return c.conn.StatusError(what, status, firstLine(body))
		}
		return fault.Downstream(fmt.Errorf("%s: %s did not answer with the Prometheus API's JSON: check that the URL points at a Prometheus-compatible server", what, c.conn.Endpoint("")))
	}
	if env.Status != "success" {
		return c.apiError(what, status, env)
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return fault.Downstream(fmt.Errorf("%s: unreadable result from %s: %v", what, c.conn.Base.Host, err))
	}
	return nil
}

// apiError quotes Prometheus's own message with what its status means:
// 400 bad parameters, 422 an expression that cannot run, 503 a timeout or
// overload.
func (c *client) apiError(what string, status int, env apiResponse) error {
	msg := fault.Echo(c.conn.Redact(env.Error))
	switch status {
	case http.StatusBadRequest:
		return fault.Downstream(fmt.Errorf("%s: Prometheus rejected the query (HTTP 400 %s): %s; check the custom PromQL and label values in the Serving telemetry settings", what, env.ErrorType, msg))
	case http.StatusUnprocessableEntity:
		return fault.Downstream(fmt.Errorf("%s: Prometheus could not execute the query (HTTP 422 %s): %s", what, env.ErrorType, msg))
	case http.StatusServiceUnavailable:
		return fault.Downstream(fmt.Errorf("%s: Prometheus timed out or is overloaded (HTTP 503 %s): %s; narrow the range or raise its query timeout", what, env.ErrorType, msg))
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return c.conn.StatusError(what, status, env.Error)
	}
	return fault.Downstream(fmt.Errorf("%s: Prometheus answered HTTP %d %s: %s", what, status, env.ErrorType, msg))
}

func firstLine(body []byte) string {
	s := strings.TrimSpace(string(body))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// timeParam formats a time as the API's float seconds.
func timeParam(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64)
}

// queryRange evaluates expr at start, start+step, …, end.
func (c *client) queryRange(ctx context.Context, expr string, start, end time.Time, step time.Duration) ([]series, error) {
	form := url.Values{"query": {expr}, "start": {timeParam(start)}, "end": {timeParam(end)},
		"step": {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)}, "timeout": {c.conn.Timeout.String()}}
	var d queryData
	if err := c.post(ctx, "/api/v1/query_range", form, "Prometheus query_range", &d); err != nil {
		return nil, err
	}
	if d.ResultType != "matrix" {
		return nil, fault.Downstream(fmt.Errorf("Prometheus query_range answered a %s, not a matrix", d.ResultType))
	}
	out := make([]series, 0, len(d.Result))
	for _, r := range d.Result {
		s := series{labels: r.Metric, points: make([]point, 0, len(r.Values))}
		for _, v := range r.Values {
			p, ok := parsePoint(v)
			if ok {
				s.points = append(s.points, p)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// query evaluates expr at one time.
func (c *client) query(ctx context.Context, expr string, at time.Time) ([]series, error) {
	form := url.Values{"query": {expr}, "time": {timeParam(at)}, "timeout": {c.conn.Timeout.String()}}
	var d queryData
	if err := c.post(ctx, "/api/v1/query", form, "Prometheus query", &d); err != nil {
		return nil, err
	}
	out := make([]series, 0, len(d.Result))
	for _, r := range d.Result {
		s := series{labels: r.Metric}
		if p, ok := parsePoint(r.Value); ok {
			s.points = []point{p}
		}
		out = append(out, s)
	}
	return out, nil
}

// labelValues lists a label's values on the series the matchers select
// between start and end.
func (c *client) labelValues(ctx context.Context, label string, matchers []string, start, end time.Time) ([]string, error) {
	form := url.Values{"match[]": matchers, "start": {timeParam(start)}, "end": {timeParam(end)}}
	var out []string
	err := c.get(ctx, "/api/v1/label/"+url.PathEscape(label)+"/values", form, "Prometheus label values", &out)
	return out, err
}

// seriesLabels lists the label sets of the series the matchers select.
func (c *client) seriesLabels(ctx context.Context, matchers []string, start, end time.Time) ([]map[string]string, error) {
	form := url.Values{"match[]": matchers, "start": {timeParam(start)}, "end": {timeParam(end)}}
	var out []map[string]string
	err := c.post(ctx, "/api/v1/series", form, "Prometheus series", &out)
	return out, err
}

// parsePoint reads [unixSeconds, "value"]; NaN and ±Inf are not values.
func parsePoint(v [2]any) (point, bool) {
	ts, ok := v[0].(float64)
	if !ok {
		return point{}, false
	}
	s, ok := v[1].(string)
	if !ok {
		return point{}, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return point{}, false
	}
	return point{at: time.UnixMilli(int64(math.Round(ts * 1000))), value: f}, true
}
