package monitor

import (
	"context"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/frames"
)

// configurationDriftFrames answers `configurationDrift`: per model and
// window, the share of predictions served off the registry's production
// version and by a version the baseline never saw (both 0 when the
// configuration matches), and a table of the versions behind them.
func configurationDriftFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := windowsOf(r.Range, r.Interval, minServingWindow)
	series := make([]frames.VersionDriftSeries, 0, len(models))
	rows := make([]frames.VersionRow, 0, len(models))
	notes := newNotes()
	for _, m := range models {
		d, err := r.configurationDriftOf(ctx, m, w)
		if err != nil {
			return nil, err
		}
		notes.add(d.notes...)
		series = append(series, frames.VersionDriftSeries{Model: m.ID, OffRegistry: d.offRegistry, Unbaselined: d.unbaselined})
		rows = append(rows, frames.VersionRow{
			Model: m.ID, Production: d.production, ProductionBy: d.productionBy, ServingNow: d.servingNow(),
			BaselineVersions: strings.Join(d.baseline, ", "), MeasuredBy: d.measuredBy, OffRegistry: d.totalOff, Unbaselined: d.totalNew,
		})
	}
	executed := "configuration drift of " + r.scope() + " over " + r.Range.String() + " in windows of " + w.Step.String() +
		": served versions against the registry's production version (which it keeps no history of) and the baseline's versions"
	ts, table := frames.ConfigurationDrift(w.Starts, series, executed), frames.Versions(rows, executed)
	notes.attach(ts)
	notes.attach(table)
	return data.Frames{ts, table}, nil
}
