package plugin

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/catalog"
)

// jsonSettings is the data source's jsonData.
type jsonSettings struct {
	DemoEnabled *bool `json:"demoEnabled"`
	catalog.Catalog
}

// Settings are one data source instance's validated settings. Secrets from
// secureJsonData are kept apart so no formatting of Settings can print them.
type Settings struct {
	DemoEnabled bool
	Catalog     catalog.Catalog
	secrets     map[string]string
}

// Secret returns a secureJsonData value; it is never logged or echoed.
func (s *Settings) Secret(key string) (string, bool) {
	v, ok := s.secrets[key]
	return v, ok
}

// LoadSettings parses and validates jsonData and secureJsonData. Every invalid
// field is reported, each naming the field and the fix.
func LoadSettings(cfg backend.DataSourceInstanceSettings) (*Settings, error) {
	var js jsonSettings
	if len(cfg.JSONData) > 0 {
		if err := json.Unmarshal(cfg.JSONData, &js); err != nil {
			return nil, fmt.Errorf("jsonData is not valid JSON for this data source (%s): re-save the settings page or fix the provisioning file", describeJSONError(err))
		}
	}
	s := &Settings{DemoEnabled: js.DemoEnabled == nil || *js.DemoEnabled, Catalog: js.Catalog, secrets: cfg.DecryptedSecureJSONData}
	if fieldErrs := s.Catalog.Validate(); len(fieldErrs) > 0 {
		errs := make([]error, len(fieldErrs))
		for i, e := range fieldErrs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	if len(s.Catalog.Models) == 0 && s.DemoEnabled {
		s.Catalog = demoCatalog(s.Catalog)
	}
	return s, nil
}

// describeJSONError keeps type errors (which name the field) and drops the
// input, which could hold anything the user pasted.
func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("field %s must be a %s, not a %s", typeErr.Field, typeErr.Type, typeErr.Value)
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return fmt.Sprintf("syntax error at byte %d", syntaxErr.Offset)
	}
	return "unreadable"
}
