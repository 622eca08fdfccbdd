package monitor

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// healthTrendFrames answers `healthTrend`: the health score and its six
// dimensions per window, assessed exactly as `fleetHealth` assesses the
// range. With several models in scope a window's score and each dimension
// are the mean of the models' defined values, as the fleet gauge averages
// the table's scores.
func healthTrendFrames(ctx context.Context, r *Request) (data.Frames, error) {
	models, err := r.fleetModels()
	if err != nil {
		return nil, err
	}
	w := windowsOf(r.Range, r.Interval, minModelWindow)
	perModel := make([][]engine.HealthAssessment, len(models))
	modelNotes := make([][]string, len(models))
	err = eachModel(ctx, len(models), func(ctx context.Context, k int) error {
		h, err := r.measureHealth(ctx, models[k], w, needScore)
		if err != nil {
			return err
		}
		modelNotes[k] = h.notes
		perModel[k] = make([]engine.HealthAssessment, len(w.List))
		for i, in := range h.perWindow {
			perModel[k][i] = engine.AssessHealth(in)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	notes := newNotes()
	for _, n := range modelNotes {
		notes.add(n...)
	}
	points := make([]frames.HealthTrendPoint, len(w.List))
	for i := range w.List {
		points[i] = pooledHealth(perModel, i)
		points[i].Time = w.Starts[i]
	}
	f := frames.HealthTrend(points, r.scope(), "health of "+r.scope()+" per window of "+w.Step.String())
	notes.attach(f)
	return data.Frames{f}, nil
}

// pooledHealth averages the models' defined scores and dimensions in window i.
func pooledHealth(perModel [][]engine.HealthAssessment, i int) frames.HealthTrendPoint {
	var p frames.HealthTrendPoint
	var score meanOf
	dims := make(map[string]*meanOf, len(frames.FleetHealthDimensions))
	for _, name := range frames.FleetHealthDimensions {
		dims[name] = &meanOf{}
	}
	for _, assessed := range perModel {
		a := assessed[i]
		score.add(a.Score)
		for _, d := range a.Dimensions {
			dims[d.Name].add(d.Metric)
		}
	}
	p.HealthScore = score.value()
	for _, name := range frames.FleetHealthDimensions {
		p.Dimensions = append(p.Dimensions, engine.NamedMetric{Name: name, Metric: dims[name].value()})
	}
	return p
}

// meanOf averages defined metrics; undefined when none was.
type meanOf struct {
	sum float64
	n   int
}

func (m *meanOf) add(v engine.Metric) {
	if v.OK {
		m.sum += v.Value
		m.n++
	}
}

func (m meanOf) value() engine.Metric {
	if m.n == 0 {
		return engine.Metric{}
	}
	return engine.Metric{Value: m.sum / float64(m.n), OK: true}
}
