package focus

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
)

// Settings are a FOCUS feed's options (its jsonData section).
type Settings struct {
	// Location is the export: a local path or an http(s) URL; ".gz" (or a
	// gzip body) is decompressed.
	Location string `json:"location"`
	// Format is csv or parquet; empty: from the location's extension.
	Format string `json:"format,omitempty"`
	// CostColumn is the cost counted: EffectiveCost (default), BilledCost,
	// ListCost or ContractedCost.
	CostColumn string `json:"costColumn,omitempty"`
	// ModelTag is the key in Tags naming the model a charge belongs to.
	ModelTag string `json:"modelTag,omitempty"`
	// Categories are tried before the default category rules.
	Categories []CategoryRule `json:"categories,omitempty"`
}

// DefaultModelTag is the tag key read when none is configured.
const DefaultModelTag = "model"

// Formats of an export.
const (
	FormatCSV     = "csv"
	FormatParquet = "parquet"
)

// join is a setting's path under the feed's jsonData path.
func join(field, name string) string {
	if name == "" {
		return field
	}
	return field + "." + name
}

// ParseSettings reads and validates a file or URL feed's options, filling
// defaults; errors name the setting under field, the feed's jsonData path.
func ParseSettings(raw json.RawMessage, field string) (Settings, []CategoryRule, error) {
	s, rules, err := ParseCounting(raw, field)
	if err != nil {
		return s, nil, err
	}
	s.Location = strings.TrimSpace(s.Location)
	if s.Location == "" {
		return s, nil, catalog.FieldError{Field: join(field, "location"), Problem: "is empty: give the path of the FOCUS export on the Grafana server, or its http(s) URL"}
	}
	if u, err := url.Parse(s.Location); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return s, nil, catalog.FieldError{Field: join(field, "location"), Problem: "must be a local path or an http(s) URL with a host (got scheme " + u.Scheme + ")"}
		}
	}
	if s.Format == "" {
		s.Format = formatOf(s.Location)
	}
	if s.Format != FormatCSV && s.Format != FormatParquet {
		return s, nil, catalog.FieldError{Field: join(field, "format"), Problem: fmt.Sprintf("%q is not a FOCUS export format: use csv or parquet (or name the file .csv, .csv.gz, .parquet)", s.Format)}
	}
	return s, rules, nil
}

// ParseCounting reads and validates the options that say how rows are
// counted, whatever the table (cost column, model tag, category rules): a
// SQL-backed Table's factory reads its own options beside these and serves
// them with New.
func ParseCounting(raw json.RawMessage, field string) (Settings, []CategoryRule, error) {
	var s Settings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, nil, catalog.FieldError{Field: join(field, ""), Problem: "the FOCUS feed's options are not valid JSON for this connector: re-save the settings"}
		}
	}
	if s.CostColumn == "" {
		s.CostColumn = DefaultCostColumn
	}
	if !slices.Contains(costColumns, s.CostColumn) {
		return s, nil, catalog.FieldError{Field: join(field, "costColumn"), Problem: fmt.Sprintf("%q is not a FOCUS cost column: use one of %s", s.CostColumn, strings.Join(costColumns, ", "))}
	}
	if s.ModelTag == "" {
		s.ModelTag = DefaultModelTag
	}
	rules, err := compileRules(s.Categories, join(field, "categories"))
	return s, rules, err
}

// formatOf guesses the format from the location's extension.
func formatOf(location string) string {
	p := location
	if u, err := url.Parse(location); err == nil && u.Path != "" {
		p = u.Path
	}
	p = strings.TrimSuffix(strings.ToLower(path.Base(p)), ".gz")
	switch {
	case strings.HasSuffix(p, ".parquet"):
		return FormatParquet
	case strings.HasSuffix(p, ".csv"):
		return FormatCSV
	}
	return ""
}
