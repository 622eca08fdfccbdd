package focus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources"
)

// CategoryRule maps charges to a cost category: a row whose Column matches
// Pattern (a case-insensitive regular expression) is in Category.
type CategoryRule struct {
	Column   string `json:"column"`
	Pattern  string `json:"pattern"`
	Category string `json:"category"`
	re       *regexp.Regexp
}

// ruleColumns are the columns rules may test.
var ruleColumns = []string{"ServiceCategory", "ServiceSubcategory", "ServiceName", "ResourceType"}

// defaultRules follow FOCUS's ServiceCategory values; the configured rules
// are tried first, then these, and a charge no rule matches is a platform
// service.
var defaultRules = []CategoryRule{
	{Column: "ResourceType", Pattern: `gpu`, Category: sources.CategoryGPU},
	{Column: "ServiceName", Pattern: `openai|anthropic|claude|bedrock|gemini|generative|cohere|mistral`, Category: sources.CategoryLLM},
	{Column: "ServiceSubcategory", Pattern: `^generative ai$`, Category: sources.CategoryLLM},
	{Column: "ServiceCategory", Pattern: `^compute$`, Category: sources.CategoryCompute},
	{Column: "ServiceCategory", Pattern: `^(storage|databases)$`, Category: sources.CategoryStorage},
	{Column: "ServiceCategory", Pattern: `^networking$`, Category: sources.CategoryNetwork},
}

// compileRules validates the configured rules (field names the settings
// path) and returns them followed by the defaults.
func compileRules(rules []CategoryRule, field string) ([]CategoryRule, error) {
	out := make([]CategoryRule, 0, len(rules)+len(defaultRules))
	for i, r := range append(slices.Clone(rules), defaultRules...) {
		at := fmt.Sprintf("%s[%d]", field, i)
		if !slices.Contains(ruleColumns, r.Column) {
			return nil, catalog.FieldError{Field: at + ".column", Problem: fmt.Sprintf("%q is not a column rules can test: use one of %s", r.Column, strings.Join(ruleColumns, ", "))}
		}
		if !slices.Contains(sources.Categories, r.Category) {
			return nil, catalog.FieldError{Field: at + ".category", Problem: fmt.Sprintf("%q is not a cost category: use one of %s", r.Category, strings.Join(sources.Categories, ", "))}
		}
		re, err := regexp.Compile("(?i)" + r.Pattern)
		if err != nil || r.Pattern == "" {
			return nil, catalog.FieldError{Field: at + ".pattern", Problem: "is not a regular expression (RE2 syntax, e.g. \"^compute$\")"}
		}
		r.re = re
		out = append(out, r)
	}
	return out, nil
}

// categoryOf is the category of the first rule the row matches.
func categoryOf(rules []CategoryRule, row []string, ix columnIndex) string {
	for _, r := range rules {
		var value string
		switch r.Column {
		case "ServiceCategory":
			value = cell(row, ix.serviceCategory)
		case "ServiceSubcategory":
			value = cell(row, ix.serviceSubcategory)
		case "ServiceName":
			value = cell(row, ix.serviceName)
		case "ResourceType":
			value = cell(row, ix.resourceType)
		}
		if value != "" && r.re.MatchString(value) {
			return r.Category
		}
	}
	return sources.CategoryPlatform
}
