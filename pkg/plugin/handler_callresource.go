package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/query"
)

type modelInfo struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Task   string `json:"task"`
	Origin string `json:"origin"` // where the model's facts come from: settings, registry or both
}

// measureInfo describes a measure for the query editor (the `measures` resource).
type measureInfo struct {
	Value       string `json:"value"`
	Description string `json:"description"`
	Dimension   string `json:"dimension,omitempty"` // the label of a model's several series
	Lookback    string `json:"lookback"`            // the range the provisioned rules read it over
}

type featureInfo struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // numeric or categorical
}

// CallResource serves the lists the query editor and variables need.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	return d.resources.CallResource(ctx, req, sender)
}

func (d *Datasource) newResources() backend.CallResourceHandler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /query-types", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, query.Types) })
	mux.HandleFunc("GET /measures", serveMeasures)
	mux.HandleFunc("GET /models", d.guarded(d.serveModels))
	mux.HandleFunc("GET /features", d.guarded(d.serveFeatures))
	mux.HandleFunc("GET /attributes", d.guarded(d.serveAttributes))
	mux.HandleFunc("GET /compliance-report", d.guarded(d.serveComplianceReport))
	mux.HandleFunc("GET /inference/columns", d.guarded(d.serveInferenceColumns))
	mux.HandleFunc("GET /inference/preview", d.guarded(d.serveInferencePreview))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no resource "+fault.Echo(r.URL.Path)+": use GET models, features, attributes, measures, query-types, compliance-report, inference/columns or inference/preview")
	})
	return httpadapter.New(mux)
}

// guarded refuses resource calls while the settings are invalid.
func (d *Datasource) guarded(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if d.settingsErr != nil {
			writeError(w, http.StatusBadRequest, "the data source settings are invalid: "+d.settingsErr.Error())
			return
		}
		h(w, r)
	}
}

func serveMeasures(w http.ResponseWriter, _ *http.Request) {
	out := make([]measureInfo, len(engine.Measures))
	for i, m := range engine.Measures {
		out[i] = measureInfo{Value: string(m.Name), Description: m.Value, Dimension: m.Dimension, Lookback: m.Lookback.String()}
	}
	writeJSON(w, http.StatusOK, out)
}

func (d *Datasource) serveModels(w http.ResponseWriter, r *http.Request) {
	cat, err := d.catalogs.get(r.Context())
	if err != nil && len(cat.Models) == 0 {
		writeFailure(w, err)
		return
	}
	out := make([]modelInfo, 0, len(cat.Models))
	for _, m := range cat.Models {
		out = append(out, modelInfo{ID: m.ID, Name: m.Name, Task: m.Task, Origin: string(cat.Origins[m.ID])})
	}
	writeJSON(w, http.StatusOK, out)
}

func (d *Datasource) serveFeatures(w http.ResponseWriter, r *http.Request) {
	schema, err := d.schemaOf(r)
	if err != nil {
		writeFailure(w, err)
		return
	}
	out := make([]featureInfo, 0, len(schema.Numeric)+len(schema.Categorical))
	for _, f := range schema.Numeric {
		out = append(out, featureInfo{Name: f, Kind: "numeric"})
	}
	for _, f := range schema.Categorical {
		out = append(out, featureInfo{Name: f, Kind: "categorical"})
	}
	writeJSON(w, http.StatusOK, out)
}

func (d *Datasource) serveAttributes(w http.ResponseWriter, r *http.Request) {
	schema, err := d.schemaOf(r)
	if err != nil {
		writeFailure(w, err)
		return
	}
	writeJSON(w, http.StatusOK, append([]string{}, schema.Sensitive...))
}

// schemaOf reads the schema of the model named by ?model= through the
// inference source.
func (d *Datasource) schemaOf(r *http.Request) (engine.Schema, error) {
	model := r.URL.Query().Get("model")
	if model == "" {
		return engine.Schema{}, fault.Userf("the model parameter is missing: add ?model=<id>")
	}
	cat, catErr := d.catalogs.get(r.Context())
	if _, ok := cat.Model(model); !ok {
		if catErr != nil {
			return engine.Schema{}, fault.NotFoundf("model %s is not in the catalog (%v)", fault.Echo(model), catErr)
		}
		return engine.Schema{}, fault.NotFoundf("model %s is not in the catalog", fault.Echo(model))
	}
	if d.conns.Inference == nil {
		return engine.Schema{}, fault.Userf("no inference-log source is configured: features and attributes come from the prediction logs")
	}
	return d.conns.Inference.Schema(r.Context(), model)
}

// writeFailure answers with the status that says whose fault it is.
func writeFailure(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		status = http.StatusGatewayTimeout
	case fault.IsNotFound(err):
		status = http.StatusNotFound
	case isUserError(err):
		status = http.StatusBadRequest
	case backend.IsDownstreamError(err):
		status = http.StatusBadGateway
	}
	writeError(w, status, err.Error())
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(body)
}
