package openai

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

// Page sizes: the largest each endpoint allows for daily buckets.
const (
	costsPageLimit = 180
	usagePageLimit = 31
)

// provider names OpenAI in records, as its invoices do.
const provider = "OpenAI"

// Connector reads one OpenAI organization's bill.
type Connector struct {
	settings Settings
	base     *url.URL
	costs    *apiclient.Client
	usage    *apiclient.Client
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
	authorize := func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+key) }
	return &Connector{
		settings: s, base: base,
		costs: &apiclient.Client{HTTP: client, API: "the OpenAI Costs API", Authorize: authorize},
		usage: &apiclient.Client{HTTP: client, API: "the OpenAI Usage API", Authorize: authorize},
	}, nil
}

// withSleep replaces the wait between retries (tests).
func (c *Connector) withSleep(sleep func(context.Context, time.Duration) error) *Connector {
	c.costs.Sleep, c.usage.Sleep = sleep, sleep
	return c
}

func (c *Connector) endpoint(path string, from, to time.Time, limit int, groupBy ...string) *url.URL {
	u := *c.base
	u.Path += path
	q := url.Values{}
	q.Set("start_time", strconv.FormatInt(from.Unix(), 10))
	q.Set("end_time", strconv.FormatInt(to.Unix(), 10))
	q.Set("bucket_width", "1d")
	q.Set("limit", strconv.Itoa(limit))
	for _, g := range groupBy {
		q.Add("group_by[]", g)
	}
	u.RawQuery = q.Encode()
	return &u
}

// model is the catalog model of a result, by its project or API key.
func (c *Connector) model(projectID, apiKeyID *string) string {
	id := projectID
	if c.settings.AttributeBy == ByAPIKey {
		id = apiKeyID
	}
	if id == nil {
		return ""
	}
	return c.settings.Models[*id]
}

// DailyCosts returns the spend and the tokens of the UTC days overlapping
// [from, to): one record per day, model and line item in the currency
// billed, and one record of tokens per day, model and OpenAI model.
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

// CheckHealth reads yesterday's costs.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	today := time.Now().UTC().Truncate(day)
	records, err := c.spend(ctx, today.Add(-day), today)
	if err != nil {
		return "", err
	}
	attributed := 0
	for _, r := range records {
		if r.Model != "" {
			attributed++
		}
	}
	return fmt.Sprintf("OpenAI organization costs read: %d line items yesterday, %d attributed to a model by %s", len(records), attributed, c.settings.AttributeBy), nil
}

type costsPage struct {
	apiclient.Page
	Data []struct {
		StartTime int64 `json:"start_time"`
		Results   []struct {
			Amount struct {
				Value    json.Number `json:"value"`
				Currency string      `json:"currency"`
			} `json:"amount"`
			LineItem  *string `json:"line_item"`
			ProjectID *string `json:"project_id"`
			APIKeyID  *string `json:"api_key_id"`
		} `json:"results"`
	} `json:"data"`
}

func (c *Connector) spend(ctx context.Context, first, end time.Time) ([]sources.CostRecord, error) {
	type key struct {
		day                      int64
		model, service, currency string
	}
	sums := map[key]decimal.Decimal{}
	var order []key
	u := c.endpoint("/v1/organization/costs", first, end, costsPageLimit, "project_id", "line_item", "api_key_id")
	err := c.costs.Walk(ctx, u, func(ctx context.Context, u *url.URL) (apiclient.Page, error) {
		var page costsPage
		if err := c.costs.GetJSON(ctx, u, &page); err != nil {
			return apiclient.Page{}, err
		}
		for _, bucket := range page.Data {
			for _, r := range bucket.Results {
				amount, err := decimal.NewFromString(r.Amount.Value.String())
				if err != nil {
					return apiclient.Page{}, fault.Downstream(fmt.Errorf("%s answered an amount that is not a number", c.costs.API))
				}
				currency := strings.ToUpper(r.Amount.Currency)
				if len(currency) != 3 {
					return apiclient.Page{}, fault.Downstream(fmt.Errorf("%s answered an amount without an ISO 4217 currency", c.costs.API))
				}
				k := key{bucket.StartTime, c.model(r.ProjectID, r.APIKeyID), serviceOf(r.LineItem), currency}
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
			Day: time.Unix(k.day, 0).UTC().Truncate(day), Model: k.model, Category: sources.CategoryLLM,
			Provider: provider, Service: k.service, Currency: k.currency, Amount: sums[k],
		})
	}
	return out, nil
}

// serviceOf names the service of a line item ("gpt-4o-2024-08-06, input"):
// the OpenAI model or product it bills.
func serviceOf(lineItem *string) string {
	if lineItem == nil || *lineItem == "" {
		return "OpenAI API"
	}
	name, _, _ := strings.Cut(*lineItem, ",")
	return strings.TrimSpace(name)
}

type usagePage struct {
	apiclient.Page
	Data []struct {
		StartTime int64 `json:"start_time"`
		Results   []struct {
			InputTokens  *float64 `json:"input_tokens"`
			OutputTokens *float64 `json:"output_tokens"`
			ProjectID    *string  `json:"project_id"`
			APIKeyID     *string  `json:"api_key_id"`
			Model        *string  `json:"model"`
		} `json:"results"`
	} `json:"data"`
}

// tokens reads the completions usage: input (cached included) and output
// tokens per day, model and OpenAI model, as amount-free records.
func (c *Connector) tokens(ctx context.Context, first, end time.Time) ([]sources.CostRecord, error) {
	var out []sources.CostRecord
	u := c.endpoint("/v1/organization/usage/completions", first, end, usagePageLimit, "project_id", "api_key_id", "model")
	err := c.usage.Walk(ctx, u, func(ctx context.Context, u *url.URL) (apiclient.Page, error) {
		var page usagePage
		if err := c.usage.GetJSON(ctx, u, &page); err != nil {
			return apiclient.Page{}, err
		}
		for _, bucket := range page.Data {
			for _, r := range bucket.Results {
				if r.InputTokens == nil || r.OutputTokens == nil {
					return apiclient.Page{}, fault.Downstream(fmt.Errorf("%s answered a completions result without input_tokens or output_tokens", c.usage.API))
				}
				service := "OpenAI API"
				if r.Model != nil && *r.Model != "" {
					service = *r.Model
				}
				out = append(out, sources.CostRecord{
					Day: time.Unix(bucket.StartTime, 0).UTC().Truncate(day), Model: c.model(r.ProjectID, r.APIKeyID), Category: sources.CategoryLLM,
					Provider: provider, Service: service, Currency: "USD", Tokens: *r.InputTokens + *r.OutputTokens,
				})
			}
		}
		return page.Page, nil
	})
	return out, err
}

// ceilDay is the first UTC midnight at or after t.
func ceilDay(t time.Time) time.Time {
	d := t.Truncate(day)
	if d.Before(t) {
		return d.Add(day)
	}
	return d
}
