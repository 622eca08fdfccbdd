package prometheus

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeProm answers the Prometheus API from a function of the query, and
// records what it was asked. It evaluates nothing: the real Prometheus is
// in tests/integration/serving; this checks what the connector asks and
// how it reads the answers.
type fakeProm struct {
	mu      sync.Mutex
	ranges  []url3 // query_range calls
	names   []string
	answer  func(query string, at time.Time) (float64, bool)
	buckets map[string]float64 // le → cumulative count for _bucket queries
	instant string             // the value of every instant query; "1" when empty
}

type url3 struct {
	query            string
	start, end, step float64
}

func (f *fakeProm) server(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/v1/label/__name__/values"):
			writeData(w, f.names)
		case r.URL.Path == "/api/v1/series":
			writeData(w, []map[string]string{{"__name__": "x", "job": "mlserver", "instance": "10.0.0.1:8082"}})
		case r.URL.Path == "/api/v1/query":
			v := f.instant
			if v == "" {
				v = "1"
			}
			writeData(w, map[string]any{"resultType": "vector", "result": []any{map[string]any{"metric": map[string]string{}, "value": []any{1.0, v}}}})
		case r.URL.Path == "/api/v1/query_range":
			q := r.Form.Get("query")
			start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
			end, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
			step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
			f.mu.Lock()
			f.ranges = append(f.ranges, url3{q, start, end, step})
			f.mu.Unlock()
			writeData(w, map[string]any{"resultType": "matrix", "result": f.matrix(q, start, end, step)})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (f *fakeProm) matrix(q string, start, end, step float64) []any {
	if strings.Contains(q, "_bucket") {
		var out []any
		for le, n := range f.buckets {
			var values []any
			for at := start; at <= end+1e-9; at += step {
				values = append(values, []any{at, strconv.FormatFloat(n, 'f', -1, 64)})
			}
			out = append(out, map[string]any{"metric": map[string]string{"le": le}, "values": values})
		}
		return out
	}
	var values []any
	for at := start; at <= end+1e-9; at += step {
		if v, ok := f.answer(q, time.UnixMilli(int64(math.Round(at*1000)))); ok {
			values = append(values, []any{at, strconv.FormatFloat(v, 'f', -1, 64)})
		}
	}
	if len(values) == 0 {
		return []any{}
	}
	return []any{map[string]any{"metric": map[string]string{}, "values": values}}
}

func writeData(w http.ResponseWriter, data any) {
	_ = json.NewEncoder(w).Encode(map[string]any{"status": "success", "data": data})
}

func open(t *testing.T, settings string, secrets map[string]string, now time.Time) *Connector {
	t.Helper()
	c, err := Open(context.Background(), json.RawMessage(settings), Options{Field: "serving", Secrets: secrets, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func settingsFor(url string, extra string) string {
	return fmt.Sprintf(`{"connector":"prometheus","url":%q%s}`, url, extra)
}
