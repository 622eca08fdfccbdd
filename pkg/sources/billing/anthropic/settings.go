// Package anthropic reads an Anthropic organization's spend (Admin API cost
// report) and tokens (usage report, messages) with an admin key, per day,
// attributed to models by workspace or Claude model.
package anthropic

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// DefaultURL is Anthropic's API.
const DefaultURL = "https://api.anthropic.com"

// Ways charges are attributed to models: the cost report groups by
// workspace and by description (which names the Claude model), not by key.
const (
	ByWorkspace = "workspace"
	ByModel     = "model"
)

// Settings are an Anthropic feed's options; the admin key is the secret
// "adminKey".
type Settings struct {
	URL         string            `json:"url,omitempty"`
	AttributeBy string            `json:"attributeBy,omitempty"`
	Models      map[string]string `json:"models,omitempty"` // workspace or Claude model id → catalog model id
}

func parseSettings(raw json.RawMessage, field string, secrets map[string]string) (Settings, *url.URL, error) {
	var s Settings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, nil, catalog.FieldError{Field: field, Problem: "the Anthropic feed's options are not valid JSON for this connector: re-save the settings"}
		}
	}
	if s.URL == "" {
		s.URL = DefaultURL
	}
	base, err := url.Parse(strings.TrimRight(s.URL, "/"))
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return s, nil, catalog.FieldError{Field: field + ".url", Problem: "must be an http(s) URL such as " + DefaultURL + " (got " + fault.Echo(s.URL) + ")"}
	}
	if s.AttributeBy == "" {
		s.AttributeBy = ByWorkspace
	}
	if s.AttributeBy != ByWorkspace && s.AttributeBy != ByModel {
		return s, nil, catalog.FieldError{Field: field + ".attributeBy", Problem: fmt.Sprintf("must be %s or %s (got %s)", ByWorkspace, ByModel, fault.Echo(s.AttributeBy))}
	}
	for id, model := range s.Models {
		if !catalog.ValidID(model) {
			return s, nil, catalog.FieldError{Field: field + ".models." + id, Problem: "must name a catalog model id (lowercase letters, digits, '.', '_' or '-'; got " + fault.Echo(model) + ")"}
		}
	}
	if strings.TrimSpace(secrets["adminKey"]) == "" {
		return s, nil, catalog.FieldError{Field: field + ".adminKey", Problem: "is not set: enter an Anthropic admin key (sk-ant-admin…, Console → Settings → Admin keys) in the feed's secure settings"}
	}
	return s, base, nil
}
