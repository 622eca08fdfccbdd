// Package awsce reads an AWS account's daily cost from Cost Explorer
// (GetCostAndUsage, through aws-sdk-go-v2) grouped by service and by a
// cost-allocation tag naming the model.
package awsce

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

// Authentication types, named as Grafana's AWS data sources name them.
const (
	AuthKeys    = "keys"    // access and secret key from secureJsonData
	AuthDefault = "default" // the SDK's default credential chain (environment, shared files, IAM role)
)

// Defaults of the options.
const (
	DefaultRegion   = "us-east-1" // Cost Explorer's endpoint region
	DefaultMetric   = "AmortizedCost"
	DefaultModelTag = "model"
)

// metrics are the cost metrics GetCostAndUsage can return.
var metrics = []string{"AmortizedCost", "UnblendedCost", "NetAmortizedCost", "NetUnblendedCost", "BlendedCost"}

// ServiceRule maps services whose name matches Pattern (case-insensitive
// regular expression) to Category.
type ServiceRule struct {
	Pattern  string `json:"pattern"`
	Category string `json:"category"`
	re       *regexp.Regexp
}

// defaultServiceRules place AWS services in the cost views' categories;
// configured rules are tried first, and an unmatched service is a platform
// service. Cost Explorer's SERVICE dimension does not tell GPU instances
// apart: add a rule (say on a service or tag naming them) where it matters.
var defaultServiceRules = []ServiceRule{
	{Pattern: `bedrock`, Category: sources.CategoryLLM},
	{Pattern: `elastic compute cloud|ec2|lambda|fargate|elastic container|kubernetes`, Category: sources.CategoryCompute},
	{Pattern: `simple storage|s3|elastic block|ebs|elastic file|efs|glacier|rds|relational database|dynamodb|redshift|elasticache|backup`, Category: sources.CategoryStorage},
	{Pattern: `data transfer|cloudfront|virtual private cloud|vpc|load balancing|route 53|direct connect|nat gateway|global accelerator`, Category: sources.CategoryNetwork},
}

// Settings are a Cost Explorer feed's options; keys are the secrets
// "accessKey" and "secretKey".
type Settings struct {
	AuthType      string        `json:"authType,omitempty"`
	Region        string        `json:"region,omitempty"`
	AssumeRoleARN string        `json:"assumeRoleArn,omitempty"`
	ExternalID    string        `json:"externalId,omitempty"`
	Endpoint      string        `json:"endpoint,omitempty"` // a VPC endpoint or proxy; empty: AWS's
	Metric        string        `json:"metric,omitempty"`
	ModelTag      string        `json:"modelTag,omitempty"` // the cost-allocation tag naming the model
	Services      []ServiceRule `json:"services,omitempty"`
}

var (
	regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	roleARN    = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)
	tagKey     = regexp.MustCompile(`^[\p{L}\p{N} _.:/=+@-]{1,128}$`)
)

func parseSettings(raw json.RawMessage, field string, secrets map[string]string, policy authPolicy) (Settings, []ServiceRule, error) {
	var s Settings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, nil, catalog.FieldError{Field: field, Problem: "the Cost Explorer feed's options are not valid JSON for this connector: re-save the settings"}
		}
	}
	if s.AuthType == "" {
		s.AuthType = AuthKeys
	}
	switch {
	case s.AuthType != AuthKeys && s.AuthType != AuthDefault:
		return s, nil, catalog.FieldError{Field: field + ".authType", Problem: fmt.Sprintf("must be %s (access and secret key) or %s (the AWS SDK's default credential chain); got %s", AuthKeys, AuthDefault, fault.Echo(s.AuthType))}
	case !policy.allows(s.AuthType):
		return s, nil, catalog.FieldError{Field: field + ".authType", Problem: fmt.Sprintf("%s is not allowed on this Grafana server (allowed: %s): choose another, or ask its administrator to add it to [aws] allowed_auth_providers", s.AuthType, strings.Join(policy.allowed, ", "))}
	case s.AuthType == AuthKeys && (strings.TrimSpace(secrets["accessKey"]) == "" || strings.TrimSpace(secrets["secretKey"]) == ""):
		return s, nil, catalog.FieldError{Field: field + ".secretKey", Problem: "access key and secret key are both needed with authType keys: enter them in the feed's secure settings"}
	}
	if s.AssumeRoleARN != "" {
		if !policy.assumeRoleEnabled {
			return s, nil, catalog.FieldError{Field: field + ".assumeRoleArn", Problem: "assuming a role is turned off on this Grafana server ([aws] assume_role_enabled): clear it, or ask the administrator to enable it"}
		}
		if !roleARN.MatchString(s.AssumeRoleARN) {
			return s, nil, catalog.FieldError{Field: field + ".assumeRoleArn", Problem: "must be an IAM role ARN such as arn:aws:iam::123456789012:role/grafana-billing (got " + fault.Echo(s.AssumeRoleARN) + ")"}
		}
	}
	if s.Region == "" {
		s.Region = DefaultRegion
	}
	if !regionName.MatchString(s.Region) {
		return s, nil, catalog.FieldError{Field: field + ".region", Problem: "must be an AWS region such as us-east-1 (got " + fault.Echo(s.Region) + ")"}
	}
	if s.Endpoint != "" {
		if u, err := url.Parse(s.Endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return s, nil, catalog.FieldError{Field: field + ".endpoint", Problem: "must be an http(s) URL (got " + fault.Echo(s.Endpoint) + ")"}
		}
	}
	if s.Metric == "" {
		s.Metric = DefaultMetric
	}
	if !slices.Contains(metrics, s.Metric) {
		return s, nil, catalog.FieldError{Field: field + ".metric", Problem: "must be one of " + strings.Join(metrics, ", ") + " (got " + fault.Echo(s.Metric) + ")"}
	}
	if s.ModelTag == "" {
		s.ModelTag = DefaultModelTag
	}
	if !tagKey.MatchString(s.ModelTag) {
		return s, nil, catalog.FieldError{Field: field + ".modelTag", Problem: "must be an AWS tag key (got " + fault.Echo(s.ModelTag) + ")"}
	}
	rules := make([]ServiceRule, 0, len(s.Services)+len(defaultServiceRules))
	for i, r := range append(slices.Clone(s.Services), defaultServiceRules...) {
		at := fmt.Sprintf("%s.services[%d]", field, i)
		if !slices.Contains(sources.Categories, r.Category) {
			return s, nil, catalog.FieldError{Field: at + ".category", Problem: "must be one of " + strings.Join(sources.Categories, ", ") + " (got " + fault.Echo(r.Category) + ")"}
		}
		re, err := regexp.Compile("(?i)" + r.Pattern)
		if err != nil || r.Pattern == "" {
			return s, nil, catalog.FieldError{Field: at + ".pattern", Problem: "is not a regular expression (RE2 syntax)"}
		}
		r.re = re
		rules = append(rules, r)
	}
	return s, rules, nil
}

// categoryOf is the category of the first rule the service matches.
func categoryOf(rules []ServiceRule, service string) string {
	for _, r := range rules {
		if r.re.MatchString(service) {
			return r.Category
		}
	}
	return sources.CategoryPlatform
}
