package plugin

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/billing/anthropic"
	"github.com/aiperf/monitor/pkg/sources/billing/awsce"
	"github.com/aiperf/monitor/pkg/sources/billing/focus"
	"github.com/aiperf/monitor/pkg/sources/billing/openai"
	"github.com/aiperf/monitor/pkg/sources/billing/opencost"
)

// apiTimeout bounds one request to a billing API: a page of daily buckets
// is small, so a slow answer is a stuck one.
const apiTimeout = 30 * time.Second

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

// billingAPIClient is billingHTTPClient with a bound on each request.
func billingAPIClient() *http.Client {
	c := billingHTTPClient()
	c.Timeout = apiTimeout
	return c
}

func openOpenAI(_ context.Context, cfg RoleConfig) (sources.BillingSource, error) {
	return openai.Open(cfg.Options, cfg.Field, cfg.Secrets, billingAPIClient())
}

func openAnthropic(_ context.Context, cfg RoleConfig) (sources.BillingSource, error) {
	return anthropic.Open(cfg.Options, cfg.Field, cfg.Secrets, billingAPIClient())
}

func openOpenCost(_ context.Context, cfg RoleConfig) (sources.BillingSource, error) {
	return opencost.Open(cfg.Options, cfg.Field, cfg.Secrets, billingAPIClient())
}

func openAWSCostExplorer(ctx context.Context, cfg RoleConfig) (sources.BillingSource, error) {
	return awsce.Open(ctx, cfg.Options, cfg.Field, cfg.Secrets, apiTimeout)
}

func openFOCUS(_ context.Context, cfg RoleConfig) (sources.BillingSource, error) {
	return focus.Open(cfg.Options, cfg.Field, cfg.Secrets, billingHTTPClient())
}
