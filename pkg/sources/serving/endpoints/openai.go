package endpoints

import (
	"context"
	"net/http"

	"github.com/aiperf/monitor/pkg/sources"
)

// probeOpenAI reads /health (200 healthy, 503 not: vLLM, TGI) and the
// models /v1/models lists; each listed model is as ready as the server.
func (s *server) probeOpenAI(ctx context.Context) []sources.EndpointStatus {
	healthy, took, err := s.healthy(ctx, "/health")
	if err != nil {
		return s.failure(err)
	}
	base := sources.EndpointStatus{Endpoint: s.Name, Protocol: ProtocolOpenAI, Live: boolPtr(healthy), ServerReady: boolPtr(healthy), Ready: boolPtr(healthy), ProbeMs: ms(took)}
	var list struct {
		Data []struct {
			ID      string `json:"id"`
			OwnedBy string `json:"owned_by"`
		} `json:"data"`
	}
	if err := s.getJSON(ctx, http.MethodGet, "/v1/models", nil, &list); err != nil {
		base.Error = err.Error()
		return []sources.EndpointStatus{base}
	}
	listed := map[string]bool{}
	var rows []sources.EndpointStatus
	for _, m := range list.Data {
		if len(rows) == maxModels {
			break
		}
		row := base
		row.Model, row.Platform, listed[m.ID] = m.ID, m.OwnedBy, true
		rows = append(rows, row)
	}
	for _, want := range s.Models {
		if !listed[want] {
			row := base
			row.Model, row.Ready, row.Error = want, boolPtr(false), "the server does not list this model in /v1/models"
			rows = append(rows, row)
		}
	}
	if len(s.Models) > 0 {
		rows = onlyListed(rows, s.Models)
	}
	return rows
}

// onlyListed keeps the rows of the models the settings name.
func onlyListed(rows []sources.EndpointStatus, names []string) []sources.EndpointStatus {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []sources.EndpointStatus
	for _, r := range rows {
		if want[r.Model] {
			out = append(out, r)
		}
	}
	return out
}
