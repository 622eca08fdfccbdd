package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/query"
)

type modelInfo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Task string `json:"task"`
}

type featureInfo struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // numeric or categorical
}

// CallResource serves the lists the query editor and variables need.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	if req.Method != http.MethodGet {
		return sendJSON(sender, http.StatusMethodNotAllowed, errorBody("only GET is supported"))
	}
	if d.settingsErr != nil {
		return sendJSON(sender, http.StatusBadRequest, errorBody("the data source settings are invalid: "+d.settingsErr.Error()))
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		return sendJSON(sender, http.StatusBadRequest, errorBody("unreadable URL"))
	}
	switch req.Path {
	case "query-types":
		return sendJSON(sender, http.StatusOK, query.Types)
	case "models":
		out := make([]modelInfo, 0, len(d.settings.Catalog.Models))
		for _, m := range d.settings.Catalog.Models {
			out = append(out, modelInfo{ID: m.ID, Name: m.Name, Task: m.Task})
		}
		return sendJSON(sender, http.StatusOK, out)
	case "features", "attributes":
		schema, status, err := d.schemaOf(ctx, u.Query().Get("model"))
		if err != nil {
			return sendJSON(sender, status, errorBody(err.Error()))
		}
		if req.Path == "attributes" {
			return sendJSON(sender, http.StatusOK, append([]string{}, schema.Sensitive...))
		}
		out := make([]featureInfo, 0, len(schema.Numeric)+len(schema.Categorical))
		for _, f := range schema.Numeric {
			out = append(out, featureInfo{Name: f, Kind: "numeric"})
		}
		for _, f := range schema.Categorical {
			out = append(out, featureInfo{Name: f, Kind: "categorical"})
		}
		return sendJSON(sender, http.StatusOK, out)
	default:
		return sendJSON(sender, http.StatusNotFound, errorBody(fmt.Sprintf("no resource %q: use models, features, attributes or query-types", req.Path)))
	}
}

func (d *Datasource) schemaOf(ctx context.Context, model string) (engine.Schema, int, error) {
	if model == "" {
		return engine.Schema{}, http.StatusBadRequest, fmt.Errorf("the model parameter is missing: add ?model=<id>")
	}
	if _, ok := d.settings.Catalog.Model(model); !ok {
		return engine.Schema{}, http.StatusNotFound, fmt.Errorf("model %q is not in the catalog", model)
	}
	if d.demo == nil {
		return engine.Schema{}, http.StatusBadRequest, fmt.Errorf("no inference source is configured for model %q", model)
	}
	schema, err := d.demo.Schema(ctx, model)
	if err != nil {
		return engine.Schema{}, http.StatusBadGateway, err
	}
	return schema, http.StatusOK, nil
}

func errorBody(msg string) map[string]string { return map[string]string{"error": msg} }

func sendJSON(sender backend.CallResourceResponseSender, status int, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return sender.Send(&backend.CallResourceResponse{Status: status, Headers: map[string][]string{"Content-Type": {"application/json"}}, Body: b})
}
