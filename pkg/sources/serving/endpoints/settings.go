// Package endpoints is the live endpoint connector: it probes model servers
// over the Open Inference Protocol v2 (KServe, Triton, MLServer) and
// OpenAI-compatible APIs (vLLM, TGI) for the inventory and readiness table
// (API-CONTRACTS.md §1). It knows the protocols, nothing about metrics.
package endpoints

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/serving/httpconn"
)

// Protocols a server is probed with.
const (
	ProtocolOIP    = "oip"
	ProtocolOpenAI = "openai"
)

// Settings are the endpoints section's options (README "Live endpoints").
type Settings struct {
	Endpoints []EndpointSettings `json:"endpoints"`
}

// EndpointSettings are one server: its name (which scopes its secrets as
// "<name>.<key>"), protocol, connection and, optionally, the models to probe
// (otherwise the server's own list).
type EndpointSettings struct {
	Name     string `json:"name"`
	Protocol string `json:"protocol"`
	httpconn.Settings
	Models []string `json:"models"`
}

// Limits of one probe round.
const (
	maxEndpoints = 50
	maxModels    = 200
)

type endpointConfig struct {
	EndpointSettings
	conn *httpconn.Connection
}

// parseSettings validates the section; secrets are scoped per endpoint.
func parseSettings(field string, raw json.RawMessage, secrets map[string]string) ([]endpointConfig, error) {
	var s Settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, catalog.FieldError{Field: field, Problem: "is not valid for the live endpoints connector: it needs a list endpoints of {name, protocol, url}"}
	}
	var errs []error
	bad := func(name, problem string) {
		errs = append(errs, catalog.FieldError{Field: field + "." + name, Problem: problem})
	}
	if len(s.Endpoints) == 0 {
		bad("endpoints", "is empty: add at least one model server")
	}
	if len(s.Endpoints) > maxEndpoints {
		bad("endpoints", fmt.Sprintf("lists %d servers, more than %d", len(s.Endpoints), maxEndpoints))
	}
	seen := map[string]bool{}
	var out []endpointConfig
	for i, e := range s.Endpoints {
		at := fmt.Sprintf("endpoints[%d]", i)
		switch {
		case !catalog.ValidID(e.Name):
			bad(at+".name", "must be lowercase letters, digits, '.', '_' or '-' (got "+fault.Echo(e.Name)+"): it names the server and scopes its secrets")
			continue
		case seen[e.Name]:
			bad(at+".name", fault.Echo(e.Name)+" names two servers")
			continue
		}
		seen[e.Name] = true
		if e.Protocol != ProtocolOIP && e.Protocol != ProtocolOpenAI {
			bad(at+".protocol", "must be oip (Open Inference Protocol v2: KServe, Triton, MLServer) or openai (vLLM, TGI) (got "+fault.Echo(e.Protocol)+")")
		}
		if len(e.Models) > maxModels {
			bad(at+".models", fmt.Sprintf("lists %d models, more than %d", len(e.Models), maxModels))
		}
		for j, m := range e.Models {
			if strings.TrimSpace(m) == "" || len(m) > 200 || strings.ContainsAny(m, "/?#") {
				bad(fmt.Sprintf("%s.models[%d]", at, j), "must be a model name without '/', '?' or '#' (got "+fault.Echo(m)+")")
			}
		}
		conn, connErrs := httpconn.Validate(field+"."+at, e.Settings, scoped(secrets, e.Name))
		errs = append(errs, connErrs...)
		out = append(out, endpointConfig{EndpointSettings: e, conn: conn})
	}
	if len(errs) > 0 {
		return nil, fault.JoinLimited(errs)
	}
	return out, nil
}

// scoped returns the secrets filed under "<name>.".
func scoped(secrets map[string]string, name string) map[string]string {
	out := map[string]string{}
	for k, v := range secrets {
		if rest, ok := strings.CutPrefix(k, name+"."); ok {
			out[rest] = v
		}
	}
	return out
}
