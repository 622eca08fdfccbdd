// Package opencost reads a Kubernetes cluster's cost allocation from the
// OpenCost API, aggregated by the pod label that names the model: CPU, RAM,
// GPU, storage and network cost per day, with the GPU hours allocated and
// how many of them were idle (from OpenCost's GPU efficiency).
package opencost

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/billing/apiclient"
)

const day = 24 * time.Hour

// Defaults of the options.
const (
	DefaultModelLabel = "model"
	DefaultProvider   = "Kubernetes"
	DefaultCurrency   = "USD"
)

// Names OpenCost gives allocations that no label value owns.
const (
	unallocated = "__unallocated__"
	idle        = "__idle__"
)

// Settings are an OpenCost feed's options.
type Settings struct {
	// URL is the OpenCost API, e.g. http://opencost.opencost:9003.
	URL string `json:"url"`
	// ModelLabel is the pod label whose value is the catalog model id.
	ModelLabel string `json:"modelLabel,omitempty"`
	// Provider names who bills the cluster. Set it to the cloud's name
	// (AWS) when a cloud bill feed is configured too and list this feed
	// first: the cluster's compute, GPU, storage and network then come
	// from OpenCost, counted once.
	Provider string `json:"provider,omitempty"`
	// Currency is the currency OpenCost's prices are configured in.
	Currency string `json:"currency,omitempty"`
}

var labelKey = regexp.MustCompile(`^([a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?/)?[a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$`)

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// Connector reads one cluster's allocation.
type Connector struct {
	settings Settings
	base     *url.URL
	api      *apiclient.Client
}

var (
	_ sources.BillingSource = (*Connector)(nil)
	_ sources.HealthChecker = (*Connector)(nil)
)

// Open builds the connector; the secret "token", when set, is sent as a
// bearer token (OpenCost behind an authenticating proxy).
func Open(raw json.RawMessage, field string, secrets map[string]string, client *http.Client) (*Connector, error) {
	var s Settings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, catalog.FieldError{Field: field, Problem: "the OpenCost feed's options are not valid JSON for this connector: re-save the settings"}
		}
	}
	base, err := url.Parse(strings.TrimRight(s.URL, "/"))
	if s.URL == "" || err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, catalog.FieldError{Field: field + ".url", Problem: "must be the OpenCost API's http(s) URL, e.g. http://opencost.opencost:9003 (got " + fault.Echo(s.URL) + ")"}
	}
	if s.ModelLabel == "" {
		s.ModelLabel = DefaultModelLabel
	}
	if !labelKey.MatchString(s.ModelLabel) {
		return nil, catalog.FieldError{Field: field + ".modelLabel", Problem: "must be a Kubernetes label key such as model or app.kubernetes.io/name (got " + fault.Echo(s.ModelLabel) + ")"}
	}
	if s.Provider == "" {
		s.Provider = DefaultProvider
	}
	if s.Currency == "" {
		s.Currency = DefaultCurrency
	}
	if !currencyCode.MatchString(s.Currency) {
		return nil, catalog.FieldError{Field: field + ".currency", Problem: "must be an ISO 4217 code in capitals such as USD (got " + fault.Echo(s.Currency) + ")"}
	}
	c := &Connector{settings: s, base: base, api: &apiclient.Client{HTTP: client, API: "the OpenCost allocation API"}}
	if token := strings.TrimSpace(secrets["token"]); token != "" {
		c.api.Authorize = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+token) }
	}
	return c, nil
}

// withSleep replaces the wait between retries (tests).
func (c *Connector) withSleep(sleep func(context.Context, time.Duration) error) *Connector {
	c.api.Sleep = sleep
	return c
}

// allocation holds the fields read from OpenCost's Allocation; null or
// absent numbers are nil.
type allocation struct {
	Name              string       `json:"name"`
	Start             time.Time    `json:"start"`
	CPUCost           *json.Number `json:"cpuCost"`
	CPUCostAdjustment *json.Number `json:"cpuCostAdjustment"`
	RAMCost           *json.Number `json:"ramCost"`
	RAMCostAdjustment *json.Number `json:"ramCostAdjustment"`
	GPUCost           *json.Number `json:"gpuCost"`
	GPUCostAdjustment *json.Number `json:"gpuCostAdjustment"`
	PVCost            *json.Number `json:"pvCost"`
	PVCostAdjustment  *json.Number `json:"pvCostAdjustment"`
	NetworkCost       *json.Number `json:"networkCost"`
	LoadBalancerCost  *json.Number `json:"loadBalancerCost"`
	SharedCost        *json.Number `json:"sharedCost"`
	ExternalCost      *json.Number `json:"externalCost"`
	GPUHours          *json.Number `json:"gpuHours"`
	GPUUsageAverage   *json.Number `json:"gpuUsageAverage"`
	GPUEfficiency     *json.Number `json:"gpuEfficiency"`
}

type response struct {
	Code    int                     `json:"code"`
	Status  string                  `json:"status"`
	Message string                  `json:"message"`
	Data    []map[string]allocation `json:"data"`
}

// DailyCosts reads the allocation of the UTC days overlapping [from, to),
// one step per day.
func (c *Connector) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	first, end := from.UTC().Truncate(day), to.UTC().Truncate(day)
	if end.Before(to.UTC()) {
		end = end.Add(day)
	}
	steps, err := c.allocation(ctx, first, end)
	if err != nil {
		return nil, err
	}
	var out []sources.CostRecord
	for _, step := range steps {
		for name, a := range step {
			records, err := c.recordsOf(name, a)
			if err != nil {
				return nil, err
			}
			out = append(out, records...)
		}
	}
	return out, nil
}

// CheckHealth reads yesterday's allocation.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	today := time.Now().UTC().Truncate(day)
	steps, err := c.allocation(ctx, today.Add(-day), today)
	if err != nil {
		return "", err
	}
	values := 0
	for _, s := range steps {
		for name := range s {
			if name != unallocated && name != idle {
				values++
			}
		}
	}
	return fmt.Sprintf("OpenCost allocation read: %d values of label %s yesterday", values, c.settings.ModelLabel), nil
}

func (c *Connector) allocation(ctx context.Context, first, end time.Time) ([]map[string]allocation, error) {
	u := *c.base
	u.Path += "/allocation/compute"
	q := url.Values{}
	q.Set("window", strconv.FormatInt(first.Unix(), 10)+","+strconv.FormatInt(end.Unix(), 10))
	q.Set("aggregate", "label:"+c.settings.ModelLabel)
	q.Set("step", "1d")
	q.Set("accumulate", "false")
	q.Set("includeIdle", "true")
	u.RawQuery = q.Encode()
	var r response
	if err := c.api.GetJSON(ctx, &u, &r); err != nil {
		return nil, err
	}
	if r.Code != http.StatusOK {
		return nil, fault.Downstream(fmt.Errorf("%s answered code %d (%s)", c.api.API, r.Code, fault.Echo(r.Message)))
	}
	return r.Data, nil
}

// recordsOf splits one model's day into the cost categories.
func (c *Connector) recordsOf(name string, a allocation) ([]sources.CostRecord, error) {
	model := name
	if name == unallocated || name == idle {
		model = ""
	}
	sum := func(values ...*json.Number) (decimal.Decimal, error) {
		var total decimal.Decimal
		for _, v := range values {
			if v == nil {
				continue
			}
			d, err := decimal.NewFromString(v.String())
			if err != nil {
				return total, fault.Downstream(fmt.Errorf("%s answered a cost that is not a number for %s", c.api.API, fault.Echo(name)))
			}
			total = total.Add(d)
		}
		return total, nil
	}
	record := func(category, service string, amount decimal.Decimal) sources.CostRecord {
		return sources.CostRecord{Day: a.Start.UTC().Truncate(day), Model: model, Category: category, Provider: c.settings.Provider, Service: service, Currency: c.settings.Currency, Amount: amount}
	}
	parts := []struct {
		category, service string
		values            []*json.Number
	}{
		{sources.CategoryGPU, "Kubernetes GPU", []*json.Number{a.GPUCost, a.GPUCostAdjustment}},
		{sources.CategoryCompute, "Kubernetes CPU and RAM", []*json.Number{a.CPUCost, a.CPUCostAdjustment, a.RAMCost, a.RAMCostAdjustment}},
		{sources.CategoryStorage, "Kubernetes persistent volumes", []*json.Number{a.PVCost, a.PVCostAdjustment}},
		{sources.CategoryNetwork, "Kubernetes network and load balancers", []*json.Number{a.NetworkCost, a.LoadBalancerCost}},
		{sources.CategoryPlatform, "Kubernetes shared and external", []*json.Number{a.SharedCost, a.ExternalCost}},
	}
	var out []sources.CostRecord
	for _, p := range parts {
		amount, err := sum(p.values...)
		if err != nil {
			return nil, err
		}
		r := record(p.category, p.service, amount)
		if p.category == sources.CategoryGPU {
			r.GPUHours, r.IdleGPUHours = gpuHours(a)
		}
		if amount.IsZero() && r.GPUHours == 0 {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// gpuHours are the GPU hours allocated and, where OpenCost measured GPU
// use, how many were idle: hours × (1 − efficiency). Without a measured
// use both are 0, so the savings estimate falls back to the serving
// telemetry instead of taking unmeasured GPUs as idle.
func gpuHours(a allocation) (allocated, idleHours float64) {
	if a.GPUHours == nil || a.GPUUsageAverage == nil || a.GPUEfficiency == nil {
		return 0, 0
	}
	hours, err1 := a.GPUHours.Float64()
	eff, err2 := a.GPUEfficiency.Float64()
	if err1 != nil || err2 != nil || hours <= 0 {
		return 0, 0
	}
	return hours, hours * (1 - min(max(eff, 0), 1))
}
