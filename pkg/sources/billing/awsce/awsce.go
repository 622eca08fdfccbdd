package awsce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/costexplorer"
	"github.com/aws/aws-sdk-go-v2/service/costexplorer/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

const day = 24 * time.Hour

// Bounds of one read.
const (
	maxAttempts = 5    // the SDK's retries of throttling and 5xx, with backoff
	maxPages    = 1000 // NextPageToken pages
)

// maxRetryBackoff caps the wait between the SDK's retries.
var maxRetryBackoff = 20 * time.Second

const provider = "AWS"

// Connector reads an AWS account's bill from Cost Explorer.
type Connector struct {
	settings Settings
	rules    []ServiceRule
	client   *costexplorer.Client
}

var (
	_ sources.BillingSource = (*Connector)(nil)
	_ sources.HealthChecker = (*Connector)(nil)
)

// Open builds the connector. Credentials are the feed's keys or the SDK's
// default chain, optionally through an assumed role, as far as this
// Grafana's AWS policy allows.
// Each request is bounded by timeout; the SDK's own HTTP client is used so
// its CA-bundle and proxy settings apply.
func Open(ctx context.Context, raw json.RawMessage, field string, secrets map[string]string, timeout time.Duration) (*Connector, error) {
	s, rules, err := parseSettings(raw, field, secrets, grafanaAuthPolicy(ctx))
	if err != nil {
		return nil, err
	}
	options := []func(*config.LoadOptions) error{config.WithRegion(s.Region), config.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(timeout))}
	if s.AuthType == AuthKeys {
		static := credentials.NewStaticCredentialsProvider(strings.TrimSpace(secrets["accessKey"]), strings.TrimSpace(secrets["secretKey"]), "")
		options = append(options, config.WithCredentialsProvider(static))
	}
	cfg, err := config.LoadDefaultConfig(ctx, options...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration (region, credential chain): %s", errorCode(err))
	}
	if s.AssumeRoleARN != "" {
		role := stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), s.AssumeRoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = "grafana-aiperf-billing"
			if s.ExternalID != "" {
				o.ExternalID = aws.String(s.ExternalID)
			}
		})
		cfg.Credentials = aws.NewCredentialsCache(role)
	}
	ce := costexplorer.NewFromConfig(cfg, func(o *costexplorer.Options) {
		if s.Endpoint != "" {
			o.BaseEndpoint = aws.String(s.Endpoint)
		}
		o.Retryer = retry.AddWithMaxBackoffDelay(retry.AddWithMaxAttempts(retry.NewStandard(), maxAttempts), maxRetryBackoff)
	})
	return &Connector{settings: s, rules: rules, client: ce}, nil
}

// DailyCosts returns the cost of the UTC days overlapping [from, to) per
// day, service and model tag value.
func (c *Connector) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	first, end := from.UTC().Truncate(day), to.UTC().Truncate(day)
	if end.Before(to.UTC()) {
		end = end.Add(day)
	}
	input := &costexplorer.GetCostAndUsageInput{
		TimePeriod:  &types.DateInterval{Start: aws.String(first.Format(time.DateOnly)), End: aws.String(end.Format(time.DateOnly))},
		Granularity: types.GranularityDaily,
		Metrics:     []string{c.settings.Metric},
		GroupBy: []types.GroupDefinition{
			{Type: types.GroupDefinitionTypeDimension, Key: aws.String("SERVICE")},
			{Type: types.GroupDefinitionTypeTag, Key: aws.String(c.settings.ModelTag)},
		},
	}
	var out []sources.CostRecord
	seen := map[string]bool{}
	for page := 1; ; page++ {
		if page > maxPages {
			return nil, fault.Userf("AWS Cost Explorer returned more than %d pages: narrow the time range", maxPages)
		}
		resp, err := c.client.GetCostAndUsage(ctx, input)
		if err != nil {
			return nil, c.failure(ctx, err)
		}
		records, err := c.recordsOf(resp.ResultsByTime)
		if err != nil {
			return nil, err
		}
		out = append(out, records...)
		next := aws.ToString(resp.NextPageToken)
		if next == "" {
			return out, nil
		}
		if seen[next] {
			return nil, fault.Downstream(fmt.Errorf("AWS Cost Explorer returned the token of an earlier page after page %d: stopping rather than counting costs twice", page))
		}
		seen[next] = true
		input.NextPageToken = aws.String(next)
	}
}

// CheckHealth reads yesterday's cost.
func (c *Connector) CheckHealth(ctx context.Context) (string, error) {
	today := time.Now().UTC().Truncate(day)
	records, err := c.DailyCosts(ctx, today.Add(-day), today)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("AWS Cost Explorer read (%s, %s credentials): %d service and tag groups yesterday", c.settings.Metric, c.settings.AuthType, len(records)), nil
}

func (c *Connector) recordsOf(results []types.ResultByTime) ([]sources.CostRecord, error) {
	var out []sources.CostRecord
	for _, r := range results {
		if r.TimePeriod == nil {
			continue
		}
		start, err := time.Parse(time.DateOnly, aws.ToString(r.TimePeriod.Start))
		if err != nil {
			return nil, fault.Downstream(fmt.Errorf("AWS Cost Explorer answered a period start that is not a date"))
		}
		for _, g := range r.Groups {
			if len(g.Keys) != 2 {
				return nil, fault.Downstream(fmt.Errorf("AWS Cost Explorer answered a group with %d keys, want service and tag", len(g.Keys)))
			}
			m, ok := g.Metrics[c.settings.Metric]
			if !ok {
				continue
			}
			amount, err := decimal.NewFromString(aws.ToString(m.Amount))
			if err != nil {
				return nil, fault.Downstream(fmt.Errorf("AWS Cost Explorer answered an amount that is not a decimal number"))
			}
			// Tag keys come back as "key$value"; "key$" when untagged.
			_, model, _ := strings.Cut(g.Keys[1], "$")
			service := g.Keys[0]
			out = append(out, sources.CostRecord{
				Day: start.UTC(), Model: model, Category: categoryOf(c.rules, service),
				Provider: provider, Service: service, Currency: strings.ToUpper(aws.ToString(m.Unit)), Amount: amount,
			})
		}
	}
	return out, nil
}

// failure says what went wrong by the API's error code, never quoting the
// request or the credentials.
func (c *Connector) failure(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	code := errorCode(err)
	switch strings.SplitN(code, ",", 2)[0] {
	case "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException", "ExpiredToken", "SignatureDoesNotMatch", "AccessDeniedException", "AccessDenied", "InvalidSignatureException":
		return fault.Userf("AWS Cost Explorer refused the credentials (%s): the keys may be wrong, expired or lack ce:GetCostAndUsage; fix the feed's credentials or the IAM policy", code)
	case "DataUnavailableException":
		return fault.Downstream(fmt.Errorf("AWS Cost Explorer has no data for the period yet (%s): Cost Explorer must be enabled on the account", code))
	case "BillExpirationException", "RequestChangedException", "InvalidNextTokenException":
		return fault.Downstream(fmt.Errorf("AWS Cost Explorer could not page through the result (%s): try again", code))
	}
	return fault.Downstream(fmt.Errorf("AWS Cost Explorer failed (%s)", code))
}

// errorCode is the API error code, or the kind of a transport failure.
func errorCode(err error) string {
	code := "request failed"
	var api smithy.APIError
	var timeout interface{ Timeout() bool }
	switch {
	case errors.As(err, &api):
		code = api.ErrorCode()
	case errors.As(err, &timeout) && timeout.Timeout():
		code = "timed out"
	}
	var maxed *retry.MaxAttemptsError
	if errors.As(err, &maxed) {
		code += fmt.Sprintf(", after %d attempts", maxed.Attempt)
	}
	return code
}
