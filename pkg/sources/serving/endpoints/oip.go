package endpoints

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/aiperf/monitor/pkg/sources"
)

// maxProbes bounds the model probes of one server in flight.
const maxProbes = 4

type indexEntry struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	State   string `json:"state"`
	Reason  string `json:"reason"`
}

// probeOIP reads server liveness and metadata, lists the models (settings,
// else the repository index, else KServe's model list) and probes each.
func (s *server) probeOIP(ctx context.Context) []sources.EndpointStatus {
	live, _, err := s.healthy(ctx, "/v2/health/live")
	if err != nil {
		return s.failure(err)
	}
	base := sources.EndpointStatus{Endpoint: s.Name, Protocol: ProtocolOIP, Live: boolPtr(live)}
	if ready, _, err := s.healthy(ctx, "/v2/health/ready"); err == nil {
		base.ServerReady = boolPtr(ready)
	}
	var meta struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if s.getJSON(ctx, http.MethodGet, "/v2", nil, &meta) == nil {
		base.Server, base.ServerVersion = meta.Name, meta.Version
	}
	entries, err := s.models(ctx)
	if err != nil {
		row := base
		row.Error = err.Error()
		return []sources.EndpointStatus{row}
	}
	rows := make([]sources.EndpointStatus, len(entries))
	sem := make(chan struct{}, maxProbes)
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			rows[i] = s.probeModel(ctx, base, e, strings.EqualFold(meta.Name, "triton"))
		}()
	}
	wg.Wait()
	return rows
}

// models are the settings' models, or the server's own list.
func (s *server) models(ctx context.Context) ([]indexEntry, error) {
	if len(s.Models) > 0 {
		out := make([]indexEntry, len(s.Models))
		for i, m := range s.Models {
			out[i] = indexEntry{Name: m}
		}
		return out, nil
	}
	var index []indexEntry
	err := s.getJSON(ctx, http.MethodPost, "/v2/repository/index", map[string]any{}, &index)
	if err == nil {
		return capped(index), nil
	}
	var list struct {
		Models []string `json:"models"`
	}
	if s.getJSON(ctx, http.MethodGet, "/v2/models", nil, &list) != nil {
		return nil, err // the repository index's error says more
	}
	out := make([]indexEntry, len(list.Models))
	for i, m := range list.Models {
		out[i] = indexEntry{Name: m}
	}
	return capped(out), nil
}

func capped(e []indexEntry) []indexEntry {
	if len(e) > maxModels {
		return e[:maxModels]
	}
	return e
}

// probeModel reads a model's readiness (by status code), metadata and,
// on Triton, its statistics.
func (s *server) probeModel(ctx context.Context, base sources.EndpointStatus, e indexEntry, triton bool) sources.EndpointStatus {
	row := base
	row.Model, row.ModelVersion, row.State, row.Reason = e.Name, e.Version, e.State, e.Reason
	path := "/v2/models/" + url.PathEscape(e.Name)
	if e.Version != "" {
		path += "/versions/" + url.PathEscape(e.Version)
	}
	ready, took, err := s.healthy(ctx, path+"/ready")
	if err != nil {
		row.Error = err.Error()
		return row
	}
	row.Ready, row.ProbeMs = boolPtr(ready), ms(took)
	if !ready {
		return row
	}
	var meta struct {
		Platform string   `json:"platform"`
		Versions []string `json:"versions"`
	}
	if s.getJSON(ctx, http.MethodGet, path, nil, &meta) == nil {
		row.Platform = meta.Platform
		if row.ModelVersion == "" && len(meta.Versions) == 1 {
			row.ModelVersion = meta.Versions[0]
		}
	}
	if triton {
		row.Inferences = s.tritonSuccesses(ctx, path)
	}
	return row
}

// tritonSuccesses sums the successful inferences of a model's versions
// from Triton's statistics extension; nil when it does not answer.
func (s *server) tritonSuccesses(ctx context.Context, path string) *float64 {
	var stats struct {
		ModelStats []struct {
			InferenceStats struct {
				Success struct {
					Count float64 `json:"count"`
				} `json:"success"`
			} `json:"inference_stats"`
		} `json:"model_stats"`
	}
	if s.getJSON(ctx, http.MethodGet, path+"/stats", nil, &stats) != nil {
		return nil
	}
	var n float64
	for _, m := range stats.ModelStats {
		n += m.InferenceStats.Success.Count
	}
	return &n
}
