package plugin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/aiperf/monitor/pkg/fault"
)

// previewRows is how many rows the mapping preview shows by default.
const previewRows = 5

// serveInferenceColumns lists the predictions table's columns and types,
// for the settings editor's column pickers.
func (d *Datasource) serveInferenceColumns(w http.ResponseWriter, r *http.Request) {
	if d.inspector == nil {
		writeFailure(w, d.noInspector("list"))
		return
	}
	cols, err := d.inspector.Columns(r.Context())
	if err != nil {
		writeFailure(w, err)
		return
	}
	writeJSON(w, http.StatusOK, cols)
}

// noInspector says why there is no table to look into: the inference
// connector's own error when it could not open (a bad option names its
// field), otherwise that no store is configured.
func (d *Datasource) noInspector(what string) error {
	for _, c := range d.checks {
		if c.err != nil && strings.HasPrefix(c.label, roleLabels[RoleInference]+" (") {
			return c.err
		}
	}
	return fault.Userf("the inference-log connector has no table to %s: choose postgres or clickhouse in the Inference logs section and save", what)
}

// serveInferencePreview shows the first rows of every mapped column.
func (d *Datasource) serveInferencePreview(w http.ResponseWriter, r *http.Request) {
	if d.inspector == nil {
		writeFailure(w, d.noInspector("preview"))
		return
	}
	limit := previewRows
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeFailure(w, fault.Userf("limit %s is not a positive number of rows", fault.Echo(v)))
			return
		}
		limit = n
	}
	p, err := d.inspector.Preview(r.Context(), limit)
	if err != nil {
		writeFailure(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
