package anthropic

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/billing/apiclient"
)

const day = 24 * time.Hour

// pageLimit is the most daily buckets a page of either report holds.
const pageLimit = 31

// apiVersion is the Anthropic API version the reports are read with.
const apiVersion = "2023-06-01"

const provider = "Anthropic"

// Connector reads one Anthropic organization's bill.
type Connector struct {
	settings    Settings
	base        *url.URL
	costs, used *apiclient.Client
}

var (
	_ sources.BillingSource = (*Connector)(nil)
	_ sources.HealthChecker = (*Connector)(nil)
)

// Open builds the connector from a feed's options and secrets.
func Open(raw json.RawMessage, field string, secrets map[string]string, client *http.Client) (*Connector, error) {
	s, base, err := parseSettings(raw, field, secrets)
	if err != nil {
		return nil, err
	}
	key := strings.TrimSpace(secrets["adminKey"])
	authorize := func(r *http.Request) {
		r.Header.Set("x-api-key", key)
		r.Header.Set("anthropic-version", apiVersion)
	}
	return &Connector{
		settings: s, base: base,
		costs: &apiclient.Client{HTTP: client, API: "the Anthropic cost report", Authorize: authorize},
		used:  &apiclient.Client{HTTP: client, API: "the Anthropic usage report", Authorize: authorize},
	}, nil
}

// withSleep replaces the wait between retries (tests).
func (c *Connector) withSleep(sleep func(context.Context, time.Duration) error) *Connector {
	c.costs.Sleep, c.used.Sleep = sleep, sleep
	return c
}

func (c *Connector) endpoint(path string, from, to time.Time, groupBy ...string) *url.URL {
	u := *c.base
	u.Path += path
	q := url.Values{}
	q.Set("starting_at", from.Format(time.RFC3339))
	q.Set("ending_at", to.Format(time.RFC3339))
	q.Set("bucket_width", "1d")
	q.Set("limit", strconv.Itoa(pageLimit))
	for _, g := range groupBy {
		q.Add("group_by[]", g)
	}
	u.RawQuery = q.Encode()
	return &u
}

func (c *Connector) model(workspaceID, claudeModel *string) string {
	id := workspaceID
	if c.settings.AttributeBy == ByModel {
		id = claudeModel
	}
	if id == nil {
		return ""
	}
	return c.settings.Models[*id]
}

// DailyCosts returns the spend and tokens of the UTC days overlapping [from, to).
func (c *Connector) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	first, end := from.UTC().Truncate(day), ceilDay(to.UTC())
	records, err := c.spend(ctx, first, end)
	if err != nil {
		return nil, err
	}
	tokens, err := c.tokens(ctx, first, end)
	if err != nil {
		return nil, err
	}
	return append(records, tokens...), nil
}

// CheckHealth reads yesterday's cost report.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	today := time.Now().UTC().Truncate(day)
	records, err := c.spend(ctx, today.Add(-day), today)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Anthropic cost report read: %d cost lines yesterday, attributed by %s", len(records), c.settings.AttributeBy), nil
}

type costPage struct {
	apiclient.Page
	Data []struct {
		StartingAt time.Time `json:"starting_at"`
		Results    []struct {
			Amount      json.RawMessage `json:"amount"`
			Currency    string          `json:"currency"`
			Description *string         `json:"description"`
			Model       *string         `json:"model"`
			WorkspaceID *string         `json:"workspace_id"`
		} `json:"results"`
	} `json:"data"`
}

// centsToUnits converts the report's amount, a decimal string in cents
// ("123.45" is $1.2345), to currency units exactly.
func centsToUnits(raw json.RawMessage) (decimal.Decimal, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return decimal.Decimal{}, fmt.Errorf("not a decimal string")
	}
	cents, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("not a decimal string")
	}
	return cents.Shift(-2), nil
}

func (c *Connector) spend(ctx context.Context, first, end time.Time) ([]sources.CostRecord, error) {
	type key struct {
		day                      int64
		model, service, currency string
	}
	sums := map[key]decimal.Decimal{}
	var order []key
	u := c.endpoint("/v1/organizations/cost_report", first, end, "workspace_id", "description")
	err := c.costs.Walk(ctx, u, func(ctx context.Context, u *url.URL) (apiclient.Page, error) {
		var page costPage
		if err := c.costs.GetJSON(ctx, u, &page); err != nil {
			return apiclient.Page{}, err
		}
		for _, bucket := range page.Data {
			for _, r := range bucket.Results {
				amount, err := centsToUnits(r.Amount)
				if err != nil {
					return apiclient.Page{}, fault.Downstream(fmt.Errorf("%s answered an amount that is %v", c.costs.API, err))
				}
				currency := strings.ToUpper(r.Currency)
				if len(currency) != 3 {
					return apiclient.Page{}, fault.Downstream(fmt.Errorf("%s answered an amount without an ISO 4217 currency", c.costs.API))
				}
				service := "Claude API"
				if r.Model != nil && *r.Model != "" {
					service = *r.Model
				}
				k := key{bucket.StartingAt.UTC().Truncate(day).Unix(), c.model(r.WorkspaceID, r.Model), service, currency}
				if _, ok := sums[k]; !ok {
					order = append(order, k)
				}
				sums[k] = sums[k].Add(amount)
			}
		}
		return page.Page, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]sources.CostRecord, 0, len(order))
	for _, k := range order {
		out = append(out, sources.CostRecord{
			Day: time.Unix(k.day, 0).UTC(), Model: k.model, Category: sources.CategoryLLM,
			Provider: provider, Service: k.service, Currency: k.currency, Amount: sums[k],
		})
	}
	return out, nil
}

type usagePage struct {
	apiclient.Page
	Data []struct {
		StartingAt time.Time `json:"starting_at"`
		Results    []struct {
			UncachedInput *float64 `json:"uncached_input_tokens"`
			CacheCreation struct {
				Ephemeral1h float64 `json:"ephemeral_1h_input_tokens"`
				Ephemeral5m float64 `json:"ephemeral_5m_input_tokens"`
			} `json:"cache_creation"`
			CacheRead   float64  `json:"cache_read_input_tokens"`
			Output      *float64 `json:"output_tokens"`
			WorkspaceID *string  `json:"workspace_id"`
			Model       *string  `json:"model"`
		} `json:"results"`
	} `json:"data"`
}

// tokens reads the messages usage: every input token (uncached, cache
// writes and reads) and output token per day, as amount-free records.
func (c *Connector) tokens(ctx context.Context, first, end time.Time) ([]sources.CostRecord, error) {
	var out []sources.CostRecord
	u := c.endpoint("/v1/organizations/usage_report/messages", first, end, "workspace_id", "model")
	err := c.used.Walk(ctx, u, func(ctx context.Context, u *url.URL) (apiclient.Page, error) {
		var page usagePage
		if err := c.used.GetJSON(ctx, u, &page); err != nil {
			return apiclient.Page{}, err
		}
		for _, bucket := range page.Data {
			for _, r := range bucket.Results {
				if r.UncachedInput == nil || r.Output == nil {
					return apiclient.Page{}, fault.Downstream(fmt.Errorf("%s answered a result without uncached_input_tokens or output_tokens", c.used.API))
				}
				service := "Claude API"
				if r.Model != nil && *r.Model != "" {
					service = *r.Model
				}
				out = append(out, sources.CostRecord{
					Day: bucket.StartingAt.UTC().Truncate(day), Model: c.model(r.WorkspaceID, r.Model), Category: sources.CategoryLLM,
					Provider: provider, Service: service, Currency: "USD",
					Tokens: *r.UncachedInput + r.CacheCreation.Ephemeral1h + r.CacheCreation.Ephemeral5m + r.CacheRead + *r.Output,
				})
			}
		}
		return page.Page, nil
	})
	return out, err
}

func ceilDay(t time.Time) time.Time {
	d := t.Truncate(day)
	if d.Before(t) {
		return d.Add(day)
	}
	return d
}
