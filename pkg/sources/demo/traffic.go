package demo

import (
	"math"
	"time"
)

// load is the traffic level at t relative to the weekday mean: a diurnal
// wave peaking at 15:00 UTC and quieter weekends.
func load(t time.Time) float64 {
	t = t.UTC()
	hour := float64(t.Hour()) + float64(t.Minute())/60
	l := 1 + 0.45*math.Cos(2*math.Pi*(hour-15)/24)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		l *= 0.8
	}
	return l
}

// growthPerDay makes traffic, and with it spend, trend upwards (about 20%
// a month), which keeps month-end forecasts and budget variance interesting.
const growthPerDay = 0.006

// growth is the traffic multiplier at t relative to the anchor day.
func growth(t, anchor time.Time) float64 {
	return math.Exp(growthPerDay * t.Sub(anchor).Hours() / 24)
}

// ramp rises linearly from 0 at onset to 1 after length; 0 before onset.
func ramp(t, onset time.Time, length time.Duration) float64 {
	d := t.Sub(onset)
	switch {
	case d <= 0:
		return 0
	case d >= length:
		return 1
	default:
		return float64(d) / float64(length)
	}
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
