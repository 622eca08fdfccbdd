package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// Roles of the connections (DESIGN.md "Connections"): each names its
// connector and options in a jsonData section of the same name.
const (
	RoleInference = "inference"
	RoleServing   = "serving"
	RoleEndpoints = "endpoints"
	RoleBilling   = "billing"
	RoleRegistry  = "registry"
)

// roleLabels name the roles in messages, as the config editor's sections do.
var roleLabels = map[string]string{
	RoleInference: "Inference logs",
	RoleServing:   "Serving telemetry",
	RoleEndpoints: "Live endpoints",
	RoleBilling:   "Billing",
	RoleRegistry:  "Model registry",
}

// RoleConfig is one configured connection: the role, the connector chosen
// for it, its jsonData section and the secrets filed under its prefix.
type RoleConfig struct {
	Role      string
	Name      string // billing feeds: the feed's name; otherwise the role
	Connector string
	Options   json.RawMessage
	Secrets   map[string]string // secureJsonData keys without the "<prefix>." prefix
	Field     string            // the jsonData path, for error messages
	UID       string            // the data source's uid (the secure socks proxy's default user)
}

// jsonSettings is the data source's jsonData.
type jsonSettings struct {
	DemoEnabled *bool              `json:"demoEnabled"`
	Inference   *connectorSection  `json:"inference,omitempty"`
	Serving     *connectorSection  `json:"serving,omitempty"`
	Endpoints   *connectorSection  `json:"endpoints,omitempty"`
	Registry    *connectorSection  `json:"registry,omitempty"`
	Billing     []connectorSection `json:"billing,omitempty"`
	catalog.Catalog
}

// connectorSection is a role's jsonData: the connector's name, the feed's
// name for billing, and the connector's own options, kept raw for it.
type connectorSection struct {
	Connector string `json:"connector"`
	Name      string `json:"name,omitempty"`
	raw       json.RawMessage
}

func (c *connectorSection) UnmarshalJSON(b []byte) error {
	type plain connectorSection
	if err := json.Unmarshal(b, (*plain)(c)); err != nil {
		return err
	}
	c.raw = append(json.RawMessage(nil), b...)
	return nil
}

// Settings are one data source instance's validated settings. Secrets from
// secureJsonData are kept apart so no formatting of Settings can print them.
type Settings struct {
	DemoEnabled bool
	Catalog     catalog.Catalog // declared facts; a registry may add models
	Roles       []RoleConfig
}

// LoadSettings parses and validates jsonData and secureJsonData. Every invalid
// field is reported, each naming the field and the fix; at most the first
// twenty are listed.
func LoadSettings(cfg backend.DataSourceInstanceSettings) (*Settings, error) {
	var js jsonSettings
	if len(cfg.JSONData) > 0 {
		if err := json.Unmarshal(cfg.JSONData, &js); err != nil {
			return nil, fmt.Errorf("jsonData is not valid JSON for this data source (%s): re-save the settings page or fix the provisioning file", describeJSONError(err))
		}
	}
	s := &Settings{Catalog: js.Catalog}
	var errs []error
	for _, e := range s.Catalog.Validate() {
		errs = append(errs, e)
	}
	roles, roleErrs := js.roles(cfg.DecryptedSecureJSONData)
	for i := range roles {
		roles[i].UID = cfg.UID
	}
	s.Roles = roles
	errs = append(errs, roleErrs...)
	switch {
	case js.DemoEnabled == nil:
		s.DemoEnabled = len(roles) == 0
	case *js.DemoEnabled && len(roles) > 0:
		errs = append(errs, catalog.FieldError{Field: "demoEnabled", Problem: fmt.Sprintf(
			"is on while connectors are configured (%s): the demo data source stands alone; turn the demo off to use your connectors, or add a separate data source for the demo", roleList(roles))})
	default:
		s.DemoEnabled = *js.DemoEnabled
	}
	if len(errs) > 0 {
		return nil, fault.JoinLimited(errs)
	}
	return s, nil
}

// roles lists the configured connections in a fixed order.
func (js jsonSettings) roles(secrets map[string]string) ([]RoleConfig, []error) {
	var out []RoleConfig
	var errs []error
	add := func(role, name, field string, c *connectorSection) {
		if c == nil {
			return
		}
		if strings.TrimSpace(c.Connector) == "" {
			errs = append(errs, catalog.FieldError{Field: field + ".connector", Problem: "is empty: choose a connector in the " + roleLabels[role] + " section"})
			return
		}
		prefix := role
		if role == RoleBilling {
			prefix = role + "." + name
		}
		out = append(out, RoleConfig{Role: role, Name: name, Connector: c.Connector, Options: c.raw, Secrets: scoped(secrets, prefix), Field: field})
	}
	add(RoleInference, RoleInference, RoleInference, js.Inference)
	add(RoleServing, RoleServing, RoleServing, js.Serving)
	add(RoleEndpoints, RoleEndpoints, RoleEndpoints, js.Endpoints)
	add(RoleRegistry, RoleRegistry, RoleRegistry, js.Registry)
	seen := map[string]bool{}
	for i := range js.Billing {
		b := &js.Billing[i]
		field := fmt.Sprintf("billing[%d]", i)
		switch {
		case !catalog.ValidID(b.Name):
			errs = append(errs, catalog.FieldError{Field: field + ".name", Problem: "must be lowercase letters, digits, '.', '_' or '-' (got " + fault.Echo(b.Name) + "): name each billing feed"})
			continue
		case seen[b.Name]:
			errs = append(errs, catalog.FieldError{Field: field + ".name", Problem: fault.Echo(b.Name) + " names two billing feeds: give each its own name"})
			continue
		}
		seen[b.Name] = true
		add(RoleBilling, b.Name, field, b)
	}
	return out, errs
}

// scoped returns the secrets filed under "<prefix>.", without the prefix.
func scoped(secrets map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range secrets {
		if rest, ok := strings.CutPrefix(k, prefix+"."); ok {
			out[rest] = v
		}
	}
	return out
}

func roleList(roles []RoleConfig) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.Field
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
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
