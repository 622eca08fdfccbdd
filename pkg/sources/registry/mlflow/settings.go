// Package mlflow reads a model catalog from an MLflow model registry through
// its REST API 2.0: registered models (paged), their versions, aliases,
// stages, tags and descriptions. Owner, risk class, intended purpose, task
// and primary metric come from tags whose keys the settings choose.
package mlflow

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
)

// Settings are the registry section of jsonData. Credentials are secrets:
// secureJsonData registry.username and registry.password (MLflow's
// basic-auth app) or registry.token (a bearer token, as Databricks uses).
type Settings struct {
	URL string `json:"url"`
	// ProductionAlias is the alias that marks the version in production;
	// models without it fall back to the deprecated Production stage.
	ProductionAlias string `json:"productionAlias,omitempty"`
	// VersionTag is the model-version tag holding the version as serving
	// reports it (e.g. "3.2.0"); empty: MLflow's own version number.
	VersionTag     string  `json:"versionTag,omitempty"`
	TagKeys        TagKeys `json:"tagKeys,omitempty"`
	TimeoutSeconds float64 `json:"timeoutSeconds,omitempty"`
}

// TagKeys name the registered-model tags the catalog fields are read from.
type TagKeys struct {
	Owner           string `json:"owner,omitempty"`
	RiskClass       string `json:"riskClass,omitempty"`
	IntendedPurpose string `json:"intendedPurpose,omitempty"`
	Task            string `json:"task,omitempty"`
	PrimaryMetric   string `json:"primaryMetric,omitempty"`
}

// Defaults of the settings.
const (
	DefaultProductionAlias = "champion"
	DefaultTimeout         = 30 * time.Second
	maxTimeout             = 5 * time.Minute
)

// DefaultTagKeys are the tag keys read when the settings name none.
var DefaultTagKeys = TagKeys{
	Owner: "owner", RiskClass: "risk_class", IntendedPurpose: "intended_purpose", Task: "task", PrimaryMetric: "primary_metric",
}

// auth is how requests authenticate.
type auth struct {
	username, password, token string
}

// parseSettings reads and validates the section; field is its jsonData path.
func parseSettings(field string, raw json.RawMessage, secrets map[string]string) (Settings, auth, error) {
	var s Settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, auth{}, catalog.FieldError{Field: field, Problem: "is not a valid MLflow section (" + describe(err) + ")"}
	}
	u, err := url.Parse(strings.TrimSpace(s.URL))
	switch {
	case strings.TrimSpace(s.URL) == "":
		return s, auth{}, catalog.FieldError{Field: field + ".url", Problem: "is empty: enter the MLflow tracking server's address, e.g. http://mlflow:5000"}
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return s, auth{}, catalog.FieldError{Field: field + ".url", Problem: "must be an http or https address such as http://mlflow:5000 (got " + fault.Echo(s.URL) + ")"}
	case u.User != nil:
		return s, auth{}, catalog.FieldError{Field: field + ".url", Problem: "must not hold credentials: put them in the username and password (or token) fields, which are stored encrypted"}
	case u.RawQuery != "" || u.Fragment != "":
		return s, auth{}, catalog.FieldError{Field: field + ".url", Problem: "must not have a query or fragment: enter the server's base address"}
	}
	s.URL = strings.TrimRight(u.String(), "/")
	if strings.HasSuffix(s.URL, "/api/2.0/mlflow") {
		return s, auth{}, catalog.FieldError{Field: field + ".url", Problem: "must be the server's base address, without /api/2.0/mlflow"}
	}
	if s.ProductionAlias == "" {
		s.ProductionAlias = DefaultProductionAlias
	}
	s.TagKeys = s.TagKeys.or(DefaultTagKeys)
	switch {
	case s.TimeoutSeconds < 0 || time.Duration(s.TimeoutSeconds*float64(time.Second)) > maxTimeout:
		return s, auth{}, catalog.FieldError{Field: field + ".timeoutSeconds", Problem: fmt.Sprintf("must be between 0 and %.0f seconds (got %v)", maxTimeout.Seconds(), s.TimeoutSeconds)}
	}
	a := auth{username: secrets["username"], password: secrets["password"], token: secrets["token"]}
	basic := a.username != "" || a.password != ""
	switch {
	case a.token != "" && basic:
		return s, auth{}, catalog.FieldError{Field: field, Problem: "has both a token and a username or password: keep the token (bearer) or the username and password (basic auth), not both"}
	case basic && (a.username == "" || a.password == ""):
		return s, auth{}, catalog.FieldError{Field: field, Problem: "basic auth needs both a username and a password: fill in the missing one"}
	}
	return s, a, nil
}

// timeout is the client's timeout per request.
func (s Settings) timeout() time.Duration {
	if s.TimeoutSeconds == 0 {
		return DefaultTimeout
	}
	return time.Duration(s.TimeoutSeconds * float64(time.Second))
}

func (k TagKeys) or(d TagKeys) TagKeys {
	pick := func(v, fallback string) string {
		if v != "" {
			return v
		}
		return fallback
	}
	return TagKeys{
		Owner: pick(k.Owner, d.Owner), RiskClass: pick(k.RiskClass, d.RiskClass), IntendedPurpose: pick(k.IntendedPurpose, d.IntendedPurpose),
		Task: pick(k.Task, d.Task), PrimaryMetric: pick(k.PrimaryMetric, d.PrimaryMetric),
	}
}

// describe keeps a JSON error's field and type, never the input.
func describe(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("field %s must be a %s, not a %s", typeErr.Field, typeErr.Type, typeErr.Value)
	}
	return "unreadable JSON"
}
