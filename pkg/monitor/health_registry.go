package monitor

import (
	"context"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
)

// versionDrift is the configuration-drift measure: the larger share of the
// windows' predictions served by a version other than the registry's
// production version, or by a version the baseline never saw (a new release
// without a new baseline). Both come from the versions a connection reports
// serving (configurationDriftOf); undefined, with the reason, where nothing
// reports them or the registry names no production version.
func (r *Request) versionDrift(ctx context.Context, m catalog.Model, w Windows, notes *[]string) (engine.Metric, error) {
	d, err := r.configurationDriftOf(ctx, m, w)
	if err != nil {
		return engine.Metric{}, err
	}
	*notes = append(*notes, d.notes...)
	out := d.totalOff
	if n := d.totalNew; n.OK && (!out.OK || n.Value > out.Value) {
		out = n
	}
	return out, nil
}
