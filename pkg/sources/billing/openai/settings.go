// Package openai reads an OpenAI organization's spend (Costs API) and
// tokens (Usage API, completions) with an admin key, per day, attributed to
// models by project or API key.
package openai

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// DefaultURL is OpenAI's API.
const DefaultURL = "https://api.openai.com"

// Ways charges are attributed to models.
const (
	ByProject = "project"
	ByAPIKey  = "apiKey"
)

// Settings are an OpenAI feed's options (its jsonData section); the admin
// key is the secret "adminKey".
type Settings struct {
	// URL is the API's base URL (a proxy's, say); DefaultURL when empty.
	URL string `json:"url,omitempty"`
	// AttributeBy names what Models maps: project (default) or apiKey ids.
	AttributeBy string `json:"attributeBy,omitempty"`
	// Models maps project or API key ids to catalog model ids; charges of
	// ids not listed are shared (no model).
	Models map[string]string `json:"models,omitempty"`
}

func parseSettings(raw json.RawMessage, field string, secrets map[string]string) (Settings, *url.URL, error) {
	var s Settings
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &s); err != nil {
			return s, nil, catalog.FieldError{Field: field, Problem: "the OpenAI feed's options are not valid JSON for this connector: re-save the settings"}
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
		s.AttributeBy = ByProject
	}
	if s.AttributeBy != ByProject && s.AttributeBy != ByAPIKey {
		return s, nil, catalog.FieldError{Field: field + ".attributeBy", Problem: fmt.Sprintf("must be %s or %s (got %s)", ByProject, ByAPIKey, fault.Echo(s.AttributeBy))}
	}
	for id, model := range s.Models {
		if !catalog.ValidID(model) {
			return s, nil, catalog.FieldError{Field: field + ".models." + id, Problem: "must name a catalog model id (lowercase letters, digits, '.', '_' or '-'; got " + fault.Echo(model) + ")"}
		}
	}
	if strings.TrimSpace(secrets["adminKey"]) == "" {
		return s, nil, catalog.FieldError{Field: field + ".adminKey", Problem: "is not set: enter an OpenAI admin key (Organization settings → Admin keys) in the feed's secure settings"}
	}
	return s, base, nil
}
