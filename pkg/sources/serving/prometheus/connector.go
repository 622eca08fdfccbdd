package prometheus

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// Connector reads serving telemetry from a Prometheus-compatible server.
type Connector struct {
	cfg    *config
	client *client
	now    func() time.Time
	detect detector
}

var (
	_ sources.ServingSource = (*Connector)(nil)
	_ sources.HealthChecker = (*Connector)(nil)
)

// Options are what the plugin hands a connector besides its settings.
type Options struct {
	Field   string // the jsonData path, for error messages
	Secrets map[string]string
	UID     string // the data source's, the secure socks proxy's default user
	Now     func() time.Time
}

// Open validates the settings and builds the client; it does not reach the
// server (the health check does).
func Open(ctx context.Context, raw json.RawMessage, opts Options) (*Connector, error) {
	cfg, err := ParseSettings(opts.Field, raw, opts.Secrets)
	if err != nil {
		return nil, err
	}
	h, err := cfg.conn.NewClient(ctx, opts.UID)
	if err != nil {
		return nil, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Connector{cfg: cfg, client: &client{conn: cfg.conn, http: h}, now: now, detect: detector{cache: map[string]resolved{}}}, nil
}

// CheckHealth runs a trivial query and says which server answered.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	res, err := c.client.query(ctx, "vector(1)", c.now())
	if err != nil {
		return "", err
	}
	if len(res) != 1 {
		return "", fmt.Errorf("Prometheus answered vector(1) with %d series: this is not a Prometheus-compatible API", len(res))
	}
	detail := fmt.Sprintf("Prometheus API at %s answers queries", c.cfg.conn.Endpoint(""))
	if n := len(c.cfg.models); n > 0 {
		detail += fmt.Sprintf("; %d models configured", n)
	}
	return detail, nil
}
