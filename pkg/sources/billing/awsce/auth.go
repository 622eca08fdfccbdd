package awsce

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// The settings Grafana gives plugins about AWS authentication, as its own
// AWS data sources read them (grafana-aws-sdk awsds.ReadAuthSettings): from
// the Grafana config forwarded in the request context, else from the
// environment Grafana starts plugins with. The [aws] section of grafana.ini
// sets them (allowed_auth_providers, assume_role_enabled).
const (
	allowedAuthProvidersKey = "AWS_AUTH_AllowedAuthProviders"
	assumeRoleEnabledKey    = "AWS_AUTH_AssumeRoleEnabled"
)

// Grafana's defaults when nothing is said.
var defaultAllowedAuthProviders = []string{AuthDefault, AuthKeys, "credentials"}

// authPolicy is what this Grafana allows.
type authPolicy struct {
	allowed           []string
	assumeRoleEnabled bool
}

// grafanaAuthPolicy reads the policy the way Grafana's AWS data sources do.
func grafanaAuthPolicy(ctx context.Context) authPolicy {
	get := os.Getenv
	if cfg := backend.GrafanaConfigFromContext(ctx); cfg != nil && (cfg.Get(allowedAuthProvidersKey) != "" || cfg.Get(assumeRoleEnabledKey) != "") {
		get = cfg.Get
	}
	p := authPolicy{allowed: defaultAllowedAuthProviders, assumeRoleEnabled: true}
	if v := get(allowedAuthProvidersKey); v != "" {
		var allowed []string
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a != "" {
				allowed = append(allowed, a)
			}
		}
		if len(allowed) > 0 {
			p.allowed = allowed
		}
	}
	if v, err := strconv.ParseBool(get(assumeRoleEnabledKey)); err == nil {
		p.assumeRoleEnabled = v
	}
	return p
}

func (p authPolicy) allows(authType string) bool { return slices.Contains(p.allowed, authType) }
