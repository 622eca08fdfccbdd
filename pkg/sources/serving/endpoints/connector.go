package endpoints

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/aiperf/monitor/pkg/sources"
)

// Connector probes the configured model servers.
type Connector struct {
	servers []*server
}

var (
	_ sources.EndpointSource = (*Connector)(nil)
	_ sources.HealthChecker  = (*Connector)(nil)
)

type server struct {
	endpointConfig
	http *http.Client
}

// Open validates the settings and builds one client per server.
func Open(ctx context.Context, field string, raw json.RawMessage, secrets map[string]string, uid string) (*Connector, error) {
	cfgs, err := parseSettings(field, raw, secrets)
	if err != nil {
		return nil, err
	}
	c := &Connector{}
	for _, cfg := range cfgs {
		h, err := cfg.conn.NewClient(ctx, uid)
		if err != nil {
			return nil, fmt.Errorf("endpoint %s: %w", cfg.Name, err)
		}
		c.servers = append(c.servers, &server{endpointConfig: cfg, http: h})
	}
	return c, nil
}

// Readiness probes every server at once; a server that fails gives a row
// saying why instead of failing the table.
func (c *Connector) Readiness(ctx context.Context) ([]sources.EndpointStatus, error) {
	results := make([][]sources.EndpointStatus, len(c.servers))
	var wg sync.WaitGroup
	for i, s := range c.servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = s.probe(ctx)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []sources.EndpointStatus
	for _, r := range results {
		out = append(out, r...)
	}
	return out, nil
}

// CheckHealth probes every server's liveness and names those that fail.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	rows, err := c.Readiness(ctx)
	if err != nil {
		return "", err
	}
	var failed []string
	ready := 0
	for _, r := range rows {
		switch {
		case r.Error != "":
			failed = append(failed, r.Endpoint+": "+r.Error)
		case r.Ready != nil && *r.Ready:
			ready++
		}
	}
	if len(failed) > 0 {
		return "", fmt.Errorf("%s", strings.Join(failed, "; "))
	}
	return fmt.Sprintf("%d servers answer; %d of %d models ready", len(c.servers), ready, len(rows)), nil
}

func (s *server) probe(ctx context.Context) []sources.EndpointStatus {
	if s.Protocol == ProtocolOpenAI {
		return s.probeOpenAI(ctx)
	}
	return s.probeOIP(ctx)
}

// failure is the row of a server that could not be probed.
func (s *server) failure(err error) []sources.EndpointStatus {
	return []sources.EndpointStatus{{Endpoint: s.Name, Protocol: s.Protocol, Error: err.Error()}}
}
