package prometheus

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/serving/httpconn"
	"github.com/aiperf/monitor/pkg/sources/serving/runtimes"
)

// Settings are the serving section's options (README "Serving telemetry").
type Settings struct {
	httpconn.Settings
	// Runtime is the runtime of models that name none; empty detects each
	// model's runtime from the metric names its server exposes.
	Runtime string          `json:"runtime"`
	Models  []ModelSettings `json:"models"`
	// CustomQueries replace the catalog's PromQL for a normalized series.
	CustomQueries []CustomQuery `json:"customQueries"`
}

// ModelSettings say where a catalog model's metrics are.
type ModelSettings struct {
	ID        string `json:"id"`        // the catalog model id
	Name      string `json:"name"`      // its value of the runtime's model label; default the id
	Version   string `json:"version"`   // narrows to one version where the runtime labels it
	Namespace string `json:"namespace"` // narrows to a Kubernetes namespace (label namespace)
	// Selector adds label matchers, e.g. job="tgi-llama": the only way to
	// tell apart runtimes and exporters that do not label the model.
	Selector    string `json:"selector"`
	Runtime     string `json:"runtime"`     // overrides detection
	Accelerator string `json:"accelerator"` // dcgm: GPU series from the DCGM exporter
}

// CustomQuery is the escape hatch for one normalized series. Expr may use
// ${filter} (the model's label matchers) and ${window} (the window's length):
// counters return the window's increase, latency-like series its buckets by
// le, gauges an instantaneous value (averaged over the window here). Scale
// turns values (buckets: le bounds) into the series' unit: ms, ratio.
type CustomQuery struct {
	Series string  `json:"series"`
	Expr   string  `json:"expr"`
	Scale  float64 `json:"scale"`
}

// Limits of the settings.
const (
	maxModels   = 500
	maxExprLen  = 4000
	maxLabelLen = 200
)

// config is the validated connector configuration.
type config struct {
	conn    *httpconn.Connection
	runtime *runtimes.Runtime // nil: detect
	models  map[string]modelConfig
	custom  map[runtimes.Series]CustomQuery
}

type modelConfig struct {
	ModelSettings
	runtime     *runtimes.Runtime
	accelerator *runtimes.Runtime
	selector    []matcher
}

// customisable are the series the summaries read, which custom PromQL may replace.
var customisable = []runtimes.Series{runtimes.Requests, runtimes.Errors, runtimes.Latency, runtimes.TokensIn, runtimes.TokensOut,
	runtimes.TimeToFirstToken, runtimes.TimePerOutputToken, runtimes.KVCache, runtimes.GPUUtilization, runtimes.GPUMemory,
	runtimes.CPUUtilization, runtimes.Memory, runtimes.Up}

// ParseSettings reads and validates the section; every problem is a field
// error under field.
func ParseSettings(field string, raw json.RawMessage, secrets map[string]string) (*config, error) {
	var s Settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, catalog.FieldError{Field: field, Problem: "is not valid for the prometheus connector (" + describe(err) + ")"}
	}
	conn, errs := httpconn.Validate(field, s.Settings, secrets)
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: field + "." + name, Problem: problem})
	}
	cfg := &config{conn: conn, models: map[string]modelConfig{}, custom: map[runtimes.Series]CustomQuery{}}
	if s.Runtime != "" {
		rt, ok := runtimes.ByName(s.Runtime)
		if !ok || rt.Accelerator {
			bad("runtime", "is not a serving runtime (got "+fault.Echo(s.Runtime)+"): leave it empty to detect, or use one of "+strings.Join(servingRuntimeNames(), ", "))
		}
		cfg.runtime = rt
	}
	if len(s.Models) > maxModels {
		bad("models", fmt.Sprintf("lists %d models, more than %d", len(s.Models), maxModels))
	}
	for i, m := range s.Models {
		mc, mErrs := validateModel(fmt.Sprintf("%s.models[%d]", field, i), m)
		errs = append(errs, mErrs...)
		if _, dup := cfg.models[m.ID]; dup {
			bad(fmt.Sprintf("models[%d].id", i), fault.Echo(m.ID)+" is listed twice")
		}
		cfg.models[m.ID] = mc
	}
	for i, q := range s.CustomQueries {
		at := fmt.Sprintf("customQueries[%d]", i)
		series := runtimes.Series(q.Series)
		switch {
		case !slices.Contains(customisable, series):
			bad(at+".series", "must be one of "+seriesNames()+" (got "+fault.Echo(q.Series)+")")
		case strings.TrimSpace(q.Expr) == "" || len(q.Expr) > maxExprLen:
			bad(at+".expr", fmt.Sprintf("must be a PromQL expression of 1 to %d characters", maxExprLen))
		case q.Scale < 0:
			bad(at+".scale", "must be positive (or 0 for 1)")
		default:
			if _, dup := cfg.custom[series]; dup {
				bad(at+".series", fault.Echo(q.Series)+" has two custom queries")
			}
			cfg.custom[series] = q
		}
	}
	if len(errs) > 0 {
		return nil, fault.JoinLimited(errs)
	}
	return cfg, nil
}

func validateModel(at string, m ModelSettings) (modelConfig, []error) {
	var errs []error
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: at + "." + name, Problem: problem})
	}
	mc := modelConfig{ModelSettings: m}
	if !catalog.ValidID(m.ID) {
		bad("id", "must be a catalog model id (got "+fault.Echo(m.ID)+")")
	}
	if mc.Name == "" {
		mc.Name = m.ID
	}
	for name, v := range map[string]string{"name": mc.Name, "version": m.Version, "namespace": m.Namespace} {
		if len(v) > maxLabelLen || strings.ContainsAny(v, "\x00\n") {
			bad(name, fmt.Sprintf("must be at most %d characters on one line", maxLabelLen))
		}
	}
	var err error
	if mc.selector, err = parseMatchers(m.Selector); err != nil {
		bad("selector", err.Error())
	}
	if m.Runtime != "" {
		rt, ok := runtimes.ByName(m.Runtime)
		if !ok || rt.Accelerator {
			bad("runtime", "is not a serving runtime (got "+fault.Echo(m.Runtime)+"): use one of "+strings.Join(servingRuntimeNames(), ", "))
		}
		mc.runtime = rt
		if ok && rt.ModelLabel == "" && len(mc.selector) == 0 {
			bad("selector", rt.Title+" labels no model: add a selector such as job=\"tgi\" that picks this model's server")
		}
	}
	if m.Accelerator != "" {
		rt, ok := runtimes.ByName(m.Accelerator)
		if !ok || !rt.Accelerator {
			bad("accelerator", "must be dcgm or empty (got "+fault.Echo(m.Accelerator)+")")
		}
		if len(mc.selector) == 0 && m.Namespace == "" {
			bad("selector", "is needed with an accelerator exporter: add namespace or a selector such as pod=~\"llama-.*\" that picks this model's GPUs")
		}
		mc.accelerator = rt
	}
	return mc, errs
}

func servingRuntimeNames() []string {
	var out []string
	for _, r := range runtimes.Catalog {
		if !r.Accelerator {
			out = append(out, r.Name)
		}
	}
	return out
}

func seriesNames() string {
	names := make([]string, len(customisable))
	for i, s := range customisable {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// describe names the mistyped field without repeating the input.
func describe(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("field %s must be a %s, not a %s", typeErr.Field, typeErr.Type, typeErr.Value)
	}
	return "unreadable JSON"
}
