package monitor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// versionDrift is a model's configuration drift window by window: which
// versions served, the share of predictions made by a version other than
// the one the registry marks as production, and by a version the baseline
// never saw (a new version serving without a new baseline).
type versionDrift struct {
	served       [][]sources.VersionUse
	offRegistry  []engine.Metric
	unbaselined  []engine.Metric
	totalOff     engine.Metric // over the range's judged windows: what an alert rule compares with 0
	totalNew     engine.Metric
	production   string // the registry's production version; "" when unknown
	productionBy string
	baseline     []string // versions that served in the baseline window
	measuredBy   string
	notes        []string // why a series is undefined
}

// noVersionsNote is why configuration drift is undefined without a
// connection that reports served versions.
const noVersionsNote = "no connection reports which model version serves (a serving connector's metadata or the inference logs' model_version): configuration drift is not measured"

// configurationDriftOf measures a model's configuration drift in the
// windows, reading the served versions once per data request. A window
// the registry cannot judge (nothing served, or before its production
// version was registered, since registries keep no alias history) is
// undefined, as is everything when no connection reports versions.
func (r *Request) configurationDriftOf(ctx context.Context, m catalog.Model, w Windows) (*versionDrift, error) {
	n := len(w.List)
	d := &versionDrift{offRegistry: make([]engine.Metric, n), unbaselined: make([]engine.Metric, n), served: make([][]sources.VersionUse, n)}
	src := r.Conns.Meters.Versions
	if src == nil {
		d.notes = append(d.notes, noVersionsNote)
		return d, nil
	}
	d.measuredBy = r.Conns.Meters.By[sources.MeterVersions]
	served, err := r.servedVersions(ctx, src, m.ID, w.List)
	if err != nil {
		return nil, err
	}
	d.served = served
	reference := baselineWindow(m, r.Range)
	base, err := r.servedVersions(ctx, src, m.ID, []sources.Window{reference})
	if err != nil {
		return nil, err
	}
	for _, v := range base[0] {
		if v.Predictions > 0 {
			d.baseline = append(d.baseline, v.Version)
		}
	}
	if len(d.baseline) == 0 {
		d.notes = append(d.notes, fmt.Sprintf("%s: the baseline window %s to %s has no record of the version that served: a new version without a new baseline is not measured", m.ID, stamp(reference.From), stamp(reference.To)))
	}
	if m.Registry == nil || m.Registry.ProductionVersion == "" {
		d.notes = append(d.notes, registryNote(m))
	} else {
		d.production, d.productionBy = m.Registry.ProductionVersion, m.Registry.ProductionBy
	}
	var off, fresh, judged, total float64
	for i, uses := range served {
		all := predictionsOf(uses, func(string) bool { return true })
		if all == 0 {
			continue
		}
		if d.production != "" && w.List[i].To.After(m.Registry.ProductionSince) {
			o := predictionsOf(uses, func(v string) bool { return v != d.production })
			d.offRegistry[i] = engine.Metric{Value: o / all, OK: true}
			off, judged = off+o, judged+all
		}
		if len(d.baseline) > 0 {
			f := predictionsOf(uses, func(v string) bool { return !slices.Contains(d.baseline, v) })
			d.unbaselined[i] = engine.Metric{Value: f / all, OK: true}
			fresh, total = fresh+f, total+all
		}
	}
	if d.production != "" && judged == 0 {
		d.notes = append(d.notes, fmt.Sprintf("%s: no window after %s (registered %s) served predictions: the registry keeps no earlier production version to compare with", m.ID, d.production, stamp(m.Registry.ProductionSince)))
	}
	d.totalOff, d.totalNew = ratioOf(off, judged), ratioOf(fresh, total)
	return d, nil
}

// servingNow describes the versions that served in the latest window with
// predictions, with their shares ("3.2.0 (100%)").
func (d *versionDrift) servingNow() string {
	for i := len(d.served) - 1; i >= 0; i-- {
		all := predictionsOf(d.served[i], func(string) bool { return true })
		if all == 0 {
			continue
		}
		parts := make([]string, 0, len(d.served[i]))
		for _, u := range d.served[i] {
			parts = append(parts, fmt.Sprintf("%s (%.0f%%)", u.Version, 100*u.Predictions/all))
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

func (r *Request) servedVersions(ctx context.Context, src sources.ServedVersionSource, model string, windows []sources.Window) ([][]sources.VersionUse, error) {
	out, err := remember(r.Loads, fmt.Sprintf("versions|%s|%s", model, windowsKey(windows)), func() ([][]sources.VersionUse, error) {
		return src.ServedVersions(ctx, model, windows)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the served versions of %s: %w", model, err)
	}
	if len(out) != len(windows) {
		return nil, fmt.Errorf("the version source returned %d windows for %d of %s", len(out), len(windows), model)
	}
	return out, nil
}

func registryNote(m catalog.Model) string {
	if m.Registry == nil {
		return fmt.Sprintf("%s: no model registry knows it: serving is not compared with a production version", m.ID)
	}
	return fmt.Sprintf("%s: the registry marks no production version (alias or Production stage): serving is not compared with one", m.ID)
}

func predictionsOf(uses []sources.VersionUse, keep func(version string) bool) float64 {
	var sum float64
	for _, u := range uses {
		if keep(u.Version) {
			sum += u.Predictions
		}
	}
	return sum
}

func ratioOf(num, den float64) engine.Metric {
	if den <= 0 {
		return engine.Metric{}
	}
	return engine.Metric{Value: num / den, OK: true}
}
