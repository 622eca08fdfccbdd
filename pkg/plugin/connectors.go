package plugin

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/registry/mlflow"
	"github.com/aiperf/monitor/pkg/sources/serving/endpoints"
	"github.com/aiperf/monitor/pkg/sources/serving/prometheus"
)

// A connector factory opens a role's connector from its jsonData section
// and its secrets; errors name the field to fix.
type (
	inferenceFactory func(ctx context.Context, cfg RoleConfig) (sources.InferenceSource, error)
	servingFactory   func(ctx context.Context, cfg RoleConfig) (sources.ServingSource, error)
	endpointsFactory func(ctx context.Context, cfg RoleConfig) (sources.EndpointSource, error)
	billingFactory   func(ctx context.Context, cfg RoleConfig) (sources.BillingSource, error)
	registryFactory  func(ctx context.Context, cfg RoleConfig) (sources.RegistrySource, error)
)

// The connectors each role can use, by the name the settings give.
var (
	inferenceConnectors = map[string]inferenceFactory{
		"demo":       openDemoInference,
		"postgres":   openPostgres,
		"clickhouse": openClickHouse,
	}
	servingConnectors = map[string]servingFactory{
		"demo":       openDemoServing,
		"prometheus": openPrometheus,
	}
	endpointConnectors = map[string]endpointsFactory{
		"live": openEndpoints,
	}
	billingConnectors = map[string]billingFactory{
		"focus":     openFOCUS,
		"openai":    openOpenAI,
		"anthropic": openAnthropic,
		"opencost":  openOpenCost,
		"awsce":     openAWSCostExplorer,
	}
	registryConnectors = map[string]registryFactory{
		"demo":   openDemoRegistry,
		"mlflow": openMLflow,
	}
)

// unknownConnector is the error for a connector name no factory has.
func unknownConnector[F any](cfg RoleConfig, known map[string]F) error {
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	choice := "none is available in this version"
	if len(names) > 0 {
		choice = "use one of " + strings.Join(names, ", ")
	}
	return catalog.FieldError{Field: cfg.Field + ".connector", Problem: fmt.Sprintf("%s is not a %s connector: %s", fault.Echo(cfg.Connector), roleLabels[cfg.Role], choice)}
}

// open builds a role's connector with its factory, or the configuration
// error when the name is unknown or the factory refuses the options.
func open[S any, F ~func(context.Context, RoleConfig) (S, error)](ctx context.Context, cfg RoleConfig, known map[string]F) (S, error) {
	factory, ok := known[cfg.Connector]
	if !ok {
		var zero S
		return zero, unknownConnector(cfg, known)
	}
	return factory(ctx, cfg)
}

func openMLflow(_ context.Context, cfg RoleConfig) (sources.RegistrySource, error) {
	return mlflow.Open(cfg.Field, cfg.Options, cfg.Secrets)
}

func openPrometheus(ctx context.Context, cfg RoleConfig) (sources.ServingSource, error) {
	return prometheus.Open(ctx, cfg.Options, prometheus.Options{Field: cfg.Field, Secrets: cfg.Secrets, UID: cfg.UID})
}

func openEndpoints(ctx context.Context, cfg RoleConfig) (sources.EndpointSource, error) {
	return endpoints.Open(ctx, cfg.Field, cfg.Options, cfg.Secrets, cfg.UID)
}
