package plugin

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/billing/focus"
)

// billingHTTPClient is what billing connectors reach their APIs and
// exports with: bounded connection and header waits; the query's context
// bounds the rest (a large export may take minutes to download).
func billingHTTPClient() *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
	transport.TLSHandshakeTimeout = 10 * time.Second
	transport.ResponseHeaderTimeout = 60 * time.Second
	return &http.Client{Transport: transport}
}

func openFOCUS(_ context.Context, cfg RoleConfig) (sources.BillingSource, error) {
	return focus.Open(cfg.Options, cfg.Field, cfg.Secrets, billingHTTPClient())
}
