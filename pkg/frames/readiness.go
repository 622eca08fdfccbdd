package frames

import (
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/sources"
)

// Readiness builds the inventory and readiness table of the live model
// servers; unknown answers stay null.
func Readiness(rows []sources.EndpointStatus, checked time.Time, executed string) *data.Frame {
	n := len(rows)
	endpoint, protocol, server, model, version, platform := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	state, problem := make([]string, n), make([]string, n)
	live, serverReady, ready := make([]*bool, n), make([]*bool, n), make([]*bool, n)
	inferences, probe := make([]*float64, n), make([]*float64, n)
	at := make([]time.Time, n)
	for i, r := range rows {
		endpoint[i], protocol[i], model[i], version[i], platform[i] = r.Endpoint, r.Protocol, r.Model, r.ModelVersion, r.Platform
		server[i] = r.Server
		if r.ServerVersion != "" {
			server[i] += " " + r.ServerVersion
		}
		state[i], problem[i] = r.State, r.Error
		if r.Reason != "" && r.Error == "" {
			problem[i] = r.Reason
		}
		live[i], serverReady[i], ready[i], inferences[i], at[i] = r.Live, r.ServerReady, r.Ready, r.Inferences, checked
		if r.ProbeMs > 0 {
			probe[i] = Ptr(r.ProbeMs)
		}
	}
	return New("readiness", executed,
		ValueField("endpoint", "Endpoint", "", endpoint),
		ValueField("protocol", "Protocol", "", protocol),
		ValueField("server", "Server", "", server),
		ValueField("model", "Model", "", model),
		ValueField("version", "Version", "", version),
		ValueField("platform", "Platform", "", platform),
		ValueField("live", "Live", "", live),
		ValueField("serverReady", "Server ready", "", serverReady),
		ValueField("ready", "Ready", "", ready),
		ValueField("state", "State", "", state),
		ValueField("inferences", "Inferences", UnitNone, inferences),
		ValueField("probeMs", "Probe", UnitMs, probe),
		ValueField("problem", "Problem", "", problem),
		ValueField("checked", "Checked", "", at),
	)
}
