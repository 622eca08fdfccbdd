package endpoints

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aiperf/monitor/pkg/sources"
)

func openOne(t *testing.T, protocol, url, extra string, secrets map[string]string) *Connector {
	t.Helper()
	raw := fmt.Sprintf(`{"connector":"live","endpoints":[{"name":"srv","protocol":%q,"url":%q%s}]}`, protocol, url, extra)
	c, err := Open(context.Background(), "endpoints", json.RawMessage(raw), secrets, "uid")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func byModel(rows []sources.EndpointStatus) map[string]sources.EndpointStatus {
	out := map[string]sources.EndpointStatus{}
	for _, r := range rows {
		out[r.Model] = r
	}
	return out
}

// triton answers as Triton does: 200 or 400 with an empty body on the
// health and ready routes, a repository index and statistics.
func triton(w http.ResponseWriter, r *http.Request) {
	switch r.Method + " " + r.URL.Path {
	case "GET /v2/health/live":
		w.Header().Set("Content-Length", "0")
	case "GET /v2/health/ready":
		w.WriteHeader(http.StatusBadRequest) // a model is not ready
	case "GET /v2":
		fmt.Fprint(w, `{"name":"triton","version":"2.52.0","extensions":["statistics"]}`)
	case "POST /v2/repository/index":
		fmt.Fprint(w, `[{"name":"resnet50","version":"1","state":"READY","reason":""},{"name":"bert","version":"2","state":"UNAVAILABLE","reason":"unloaded"}]`)
	case "GET /v2/models/resnet50/versions/1/ready":
		w.Header().Set("Content-Length", "0")
	case "GET /v2/models/bert/versions/2/ready":
		w.WriteHeader(http.StatusBadRequest)
	case "GET /v2/models/resnet50/versions/1":
		fmt.Fprint(w, `{"name":"resnet50","versions":["1"],"platform":"onnxruntime_onnx","inputs":[],"outputs":[]}`)
	case "GET /v2/models/resnet50/versions/1/stats":
		fmt.Fprint(w, `{"model_stats":[{"name":"resnet50","version":"1","inference_stats":{"success":{"count":1234,"ns":99},"fail":{"count":3,"ns":1}}}]}`)
	default:
		http.NotFound(w, r)
	}
}

func TestOpenInferenceProtocolReadinessFromStatusCodes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(triton))
	defer srv.Close()
	rows, err := openOne(t, ProtocolOIP, srv.URL, "", nil).Readiness(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := byModel(rows)
	r := got["resnet50"]
	if r.ServerReady == nil || *r.ServerReady || r.Live == nil || !*r.Live {
		t.Errorf("the server is live but not ready (400, empty body): %+v", r)
	}
	if r.Ready == nil || !*r.Ready || r.Platform != "onnxruntime_onnx" || r.Server != "triton" || r.Inferences == nil || *r.Inferences != 1234 || r.State != "READY" {
		t.Errorf("resnet50: %+v", r)
	}
	b := got["bert"]
	if b.Ready == nil || *b.Ready || b.State != "UNAVAILABLE" || b.Reason != "unloaded" || b.Error != "" {
		t.Errorf("bert answers 400 with an empty body: not ready, no error: %+v", b)
	}
}

func TestKServeModelListWhenThereIsNoRepositoryIndex(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/health/live", "/v2/models/sklearn-iris/ready":
			fmt.Fprint(w, `{"live":true}`)
		case "/v2/models":
			fmt.Fprint(w, `{"models":["sklearn-iris"]}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"not found"}`)
		}
	}))
	defer srv.Close()
	rows, err := openOne(t, ProtocolOIP, srv.URL, "", nil).Readiness(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if r := byModel(rows)["sklearn-iris"]; r.Ready == nil || !*r.Ready {
		t.Fatalf("rows %+v", rows)
	}
}

func TestOpenAICompatibleServersWithBearerAuth(t *testing.T) {
	healthy := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer sk-local" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/health":
			if !healthy {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		case "/v1/models":
			fmt.Fprint(w, `{"object":"list","data":[{"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model","owned_by":"vllm","max_model_len":8192}]}`)
		}
	}))
	defer srv.Close()
	c := openOne(t, ProtocolOpenAI, srv.URL, `,"auth":"bearer"`, map[string]string{"srv.bearerToken": "sk-local"})
	rows, err := c.Readiness(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if r := byModel(rows)["meta-llama/Llama-3.1-8B-Instruct"]; r.Ready == nil || !*r.Ready || r.Platform != "vllm" {
		t.Fatalf("rows %+v", rows)
	}
	healthy = false
	rows, _ = c.Readiness(t.Context())
	if r := rows[0]; r.Ready == nil || *r.Ready {
		t.Fatalf("503 on /health: not ready, got %+v", r)
	}
	wrong := openOne(t, ProtocolOpenAI, srv.URL, `,"auth":"bearer"`, map[string]string{"srv.bearerToken": "sk-wrong"})
	if _, err := wrong.CheckHealth(t.Context()); err == nil || !strings.Contains(err.Error(), "refused the credentials (HTTP 401") || strings.Contains(err.Error(), "sk-wrong") {
		t.Fatalf("a wrong token: got %v", err)
	}
}

func TestEndpointSettingsNameTheField(t *testing.T) {
	cases := []struct{ raw, want string }{
		{`{"endpoints":[]}`, "endpoints.endpoints: is empty"},
		{`{"endpoints":[{"name":"A B","protocol":"oip","url":"http://x"}]}`, "endpoints.endpoints[0].name: must be lowercase"},
		{`{"endpoints":[{"name":"a","protocol":"grpc","url":"http://x"}]}`, "endpoints.endpoints[0].protocol: must be oip"},
		{`{"endpoints":[{"name":"a","protocol":"oip","url":"ftp://x"}]}`, "endpoints.endpoints[0].url: must start with http://"},
		{`{"endpoints":[{"name":"a","protocol":"oip","url":"http://x","models":["a/b"]}]}`, "endpoints.endpoints[0].models[0]"},
	}
	for _, c := range cases {
		_, err := parseSettings("endpoints", json.RawMessage(c.raw), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.raw, err, c.want)
		}
	}
}
