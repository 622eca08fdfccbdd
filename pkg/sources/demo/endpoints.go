package demo

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// demoServer is the simulated model server every demo model is deployed on.
const demoServer = "demo-fleet"

// Readiness reports each demo model as a live Open Inference Protocol
// server would: ready unless an outage is under way at the current minute.
func (f *Fleet) Readiness(ctx context.Context) ([]sources.EndpointStatus, error) {
	now := f.now().UTC().Truncate(time.Minute)
	out := make([]sources.EndpointStatus, 0, len(fleetProfiles))
	for _, p := range fleetProfiles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ready := true
		if d := activeDisruption(p.disruptions(now, now.Add(time.Minute)), now); d != nil && d.down {
			ready = false
		}
		live := true
		out = append(out, sources.EndpointStatus{
			Endpoint: demoServer, Protocol: "oip", Server: "demo", ServerVersion: "simulated",
			Model: p.spec.ID, ModelVersion: p.spec.Version, Platform: platformOf(p), Live: &live, ServerReady: &live, Ready: &ready,
			State: readyState(ready), ProbeMs: 1,
		})
	}
	return out, nil
}

func platformOf(p *profile) string {
	if p.tokensPerRequest > 0 {
		return "vllm"
	}
	return "mlserver_sklearn"
}

func readyState(ready bool) string {
	if ready {
		return "READY"
	}
	return "UNAVAILABLE"
}
