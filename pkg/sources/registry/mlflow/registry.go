package mlflow

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/aiperf/monitor/pkg/sources"
)

// Registry is the MLflow model registry connector.
type Registry struct {
	settings Settings
	client   *client
}

var (
	_ sources.RegistrySource = (*Registry)(nil)
	_ sources.HealthChecker  = (*Registry)(nil)
)

// Open validates the registry section (field is its jsonData path, secrets
// the registry.* secureJsonData without the prefix) and returns the
// connector. It does not call the server: the health check does.
func Open(field string, options json.RawMessage, secrets map[string]string) (*Registry, error) {
	s, a, err := parseSettings(field, options, secrets)
	if err != nil {
		return nil, err
	}
	return &Registry{settings: s, client: &client{base: s.URL, auth: a, http: &http.Client{Timeout: s.timeout()}}}, nil
}

// CheckHealth reads one page of registered models: it proves the address,
// the credentials and the permission to read the registry.
func (r *Registry) CheckHealth(ctx context.Context) (string, error) {
	var page searchModelsResponse
	if err := r.client.get(ctx, "registered-models/search", url.Values{"max_results": {"1000"}}, &page); err != nil {
		return "", err
	}
	more := ""
	if page.NextPageToken != "" {
		more = " or more"
	}
	return fmt.Sprintf("MLflow at %s: %d%s registered models; production is alias %q or stage Production", r.settings.URL, len(page.RegisteredModels), more, r.settings.ProductionAlias), nil
}
