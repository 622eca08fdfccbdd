package engine

import (
	"math"
	"testing"
	"time"
)

// windowsEnding summarizes per-minute error rates (errorRate(minutesAgo)) at
// 1000 requests a minute into the burn windows ending now.
func windowsEnding(errorRate func(ago int) float64) map[time.Duration]ServingSummary {
	out := map[time.Duration]ServingSummary{}
	for _, d := range BurnDurations() {
		var s ServingSummary
		for ago := 1; ago <= int(d.Minutes()); ago++ {
			s.Minutes++
			s.Requests += 1000
			s.Errors += 1000 * errorRate(ago)
		}
		out[d] = s
	}
	return out
}

func TestBurnRateIsErrorRateOverBudget(t *testing.T) {
	got := BurnRate(ServingSummary{Minutes: 60, Requests: 60000, Errors: 600}, 0.995)
	if !got.OK || math.Abs(got.Value-2) > 1e-12 {
		t.Fatalf("1%% errors against a 0.5%% budget burns at 2×, got %+v", got)
	}
	if m := BurnRate(ServingSummary{Minutes: 60}, 0.995); m.OK {
		t.Fatal("no traffic has no burn rate")
	}
	if m := BurnRate(ServingSummary{Requests: 10, Errors: 1}, 1); m.OK {
		t.Fatal("a 100% objective has no budget to burn")
	}
}

func TestFastBurnFiresOnlyWhenBothWindowsExceedTheFactor(t *testing.T) {
	// 10% errors in the last 10 minutes, none before: 1h burn = (10×0.1/60)/0.005 ≈ 3.3 < 14.4.
	recentSpike := windowsEnding(func(ago int) float64 {
		if ago <= 10 {
			return 0.1
		}
		return 0
	})
	if BurnRates(recentSpike, 0.995)[0].Firing {
		t.Fatal("a 10-minute spike must not fire the 1h/5m condition")
	}
	sustained := windowsEnding(func(ago int) float64 {
		if ago <= 90 {
			return 0.1
		}
		return 0
	})
	r := BurnRates(sustained, 0.995)
	if !r[0].Firing || r[0].LongBurn.Value < 14.4 || r[0].ShortBurn.Value < 14.4 {
		t.Fatalf("90 minutes at 10%% errors burns at 20× on both windows: %+v", r[0])
	}
	if r[3].Firing != (r[3].LongBurn.Value > 1 && r[3].ShortBurn.Value > 1) {
		t.Fatal("the slow condition must need both windows")
	}
}

func TestAnomalyFlagsASpikeAndNothingElse(t *testing.T) {
	values := []float64{10, 11, 9, 10, 12, 10, 11, 9, 10, 50, 10, 11}
	flags := AnomalyFlags(values, 8, 3.5)
	for i, f := range flags {
		if f != (i == 9) {
			t.Fatalf("index %d flagged=%v; only the spike at 9 should be", i, f)
		}
	}
}

func TestHoltForecastFollowsALinearTrend(t *testing.T) {
	values := make([]float64, 30)
	for i := range values {
		values[i] = 100 + 5*float64(i)
	}
	f, ok := HoltForecast(values, 5, 0.5, 0.3)
	if !ok {
		t.Fatal("forecast should exist")
	}
	for h := 1; h <= 5; h++ {
		want := 100 + 5*float64(29+h)
		if math.Abs(f.Point[h-1]-want) > 1e-6 {
			t.Fatalf("h=%d: got %v want %v", h, f.Point[h-1], want)
		}
		if f.Upper[h-1]-f.Lower[h-1] > 1e-6 {
			t.Fatal("a perfect fit has no spread")
		}
	}
	noisy := []float64{100, 104, 99, 110, 108, 115, 113, 121}
	g, _ := HoltForecast(noisy, 3, 0.5, 0.3)
	if !(g.Upper[2]-g.Lower[2] > g.Upper[0]-g.Lower[0]) {
		t.Fatal("the interval widens with the horizon")
	}
	if _, ok := HoltForecast([]float64{1}, 3, 0.5, 0.3); ok {
		t.Fatal("one value cannot be forecast")
	}
}
