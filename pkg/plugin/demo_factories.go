package plugin

import (
	"context"

	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The demo fleet can also stand in for one role of an instance whose other
// roles are real: a FOCUS export of the demo's charges (cmd/aiperf-seed)
// read next to the demo's serving telemetry, say. The fleet is stateless,
// so each role may have its own.

func openDemoInference(context.Context, RoleConfig) (sources.InferenceSource, error) {
	return demo.New(demo.Options{}), nil
}

func openDemoServing(context.Context, RoleConfig) (sources.ServingSource, error) {
	return demo.New(demo.Options{}), nil
}

func openDemoRegistry(context.Context, RoleConfig) (sources.RegistrySource, error) {
	return demo.New(demo.Options{}), nil
}
