package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// rowGenerator fills r (aligned with the model's schema) for a prediction
// made at ts, drawing from the generator of the row's hour bucket.
type rowGenerator func(rng *rand.Rand, ts, anchor time.Time, r *engine.Row)

// Rows generates the model's prediction rows with timestamps in [from, to),
// in time order, and passes each to emit; an error from emit stops the walk
// and is returned. The row is reused between calls: emit must copy what it
// keeps. Rows end at Options.Now (predictions are not made in advance);
// Labeled is false for rows younger than the model's label delay.
func (f *Fleet) Rows(model string, from, to time.Time, emit func(ts time.Time, r *engine.Row) error) error {
	p, err := lookup(model)
	if err != nil {
		return err
	}
	return f.rowsAt(p, from, to, f.now(), emit)
}

// rowsAt generates the rows as Rows does when it is now.
func (f *Fleet) rowsAt(p *profile, from, to, now time.Time, emit func(ts time.Time, r *engine.Row) error) error {
	if err := checkRange(from, to); err != nil {
		return err
	}
	anchor := anchorOf(now)
	to = earlier(to, now)
	r := &engine.Row{
		Num:  make([]float64, len(p.spec.Schema.Numeric)),
		Cat:  make([]string, len(p.spec.Schema.Categorical)),
		Sens: make([]string, len(p.spec.Schema.Sensitive)),
	}
	first := from.UTC().Truncate(time.Hour)
	if start := historyStart(anchor); first.Before(start) {
		first = start
	}
	for bucket := first; bucket.Before(to); bucket = bucket.Add(time.Hour) {
		if err := f.bucketRows(p, bucket, from, to, now, anchor, r, emit); err != nil {
			return err
		}
	}
	return nil
}

// bucketRows generates one hour of rows, always from the start of the hour
// and from that hour's own seed, so a row is the same whichever range asked
// for it; it emits those inside [from, to).
func (f *Fleet) bucketRows(p *profile, bucket, from, to, now, anchor time.Time, r *engine.Row, emit func(time.Time, *engine.Row) error) error {
	rng := bucketRand(p.seed, bucket.Unix())
	n := f.bucketSize(rng, bucket)
	labeledUntil := now.Add(-p.spec.LabelDelay)
	for i := range n {
		ts := bucket.Add(time.Duration((float64(i) + rng.Float64()) / float64(n) * float64(time.Hour)))
		if !ts.Before(to) {
			return nil
		}
		p.row(rng, ts, anchor, r)
		if p.spec.Task == engine.TaskBinary {
			r.Pred = 0
			if r.Score >= p.spec.Schema.Threshold {
				r.Pred = 1
			}
		}
		r.Labeled = !ts.After(labeledUntil)
		if ts.Before(from) {
			continue
		}
		if err := emit(ts, r); err != nil {
			return err
		}
	}
	return nil
}

// bucketSize draws how many predictions an hour bucket holds: the first
// draw of the bucket's generator, so counting a bucket needs no rows.
func (f *Fleet) bucketSize(rng *rand.Rand, bucket time.Time) int {
	return int(math.Round(float64(f.rowsPerHour) * load(bucket.Add(30*time.Minute)) * (0.9 + 0.2*rng.Float64())))
}

// choice draws one of its values with given relative weights.
type choice struct {
	values []string
	cum    []float64 // cumulative weights normalised to end at 1
}

// option is one value of a choice with its relative weight.
type option struct {
	value  string
	weight float64
}

func newChoice(options ...option) choice {
	total := 0.0
	for _, o := range options {
		total += o.weight
	}
	c := choice{values: make([]string, len(options)), cum: make([]float64, len(options))}
	acc := 0.0
	for i, o := range options {
		acc += o.weight
		c.values[i] = o.value
		c.cum[i] = acc / total
	}
	return c
}

func (c choice) draw(rng *rand.Rand) (string, int) {
	u := rng.Float64()
	for i, edge := range c.cum {
		if u < edge {
			return c.values[i], i
		}
	}
	last := len(c.values) - 1
	return c.values[last], last
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// logNormal is a log-normal distribution of a given mean and log-spread,
// its location computed once rather than on every draw.
type logNormal struct{ location, sigma float64 }

func newLogNormal(mean, sigma float64) logNormal {
	return logNormal{location: math.Log(mean) - sigma*sigma/2, sigma: sigma}
}

// draw draws one value.
func (d logNormal) draw(rng *rand.Rand) float64 {
	return math.Exp(d.location + d.sigma*rng.NormFloat64())
}

// missingIf returns NaN (a missing value) with probability rate, else x.
// It always draws once so the stream stays aligned.
func missingIf(rng *rand.Rand, rate, x float64) float64 {
	if rng.Float64() < rate {
		return engine.Missing
	}
	return x
}

// outcome draws a binary label with probability sigmoid(z).
func outcome(rng *rand.Rand, z float64) float64 {
	if rng.Float64() < sigmoid(z) {
		return 1
	}
	return 0
}

func ageGroupOf(age float64) string {
	switch {
	case age < 30:
		return "18-29"
	case age < 45:
		return "30-44"
	case age < 60:
		return "45-59"
	default:
		return "60+"
	}
}
