package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// Quality and fairness work on summaries, so their cost is independent of the
// number of rows summarized; these benchmarks report it per computed report.

func benchHistogram(b *testing.B, n int) (*Confusion, *ScoreHistogram) {
	rng := rand.New(rand.NewPCG(1, 2))
	scores := make([]float64, n)
	labels := make([]int, n)
	for i := range scores {
		scores[i] = rng.Float64()
		if rng.Float64() < scores[i] {
			labels[i] = 1
		}
	}
	s := binaryWindow(b, scores, labels)
	return s.Confusion, s.Scores
}

func BenchmarkBinaryQuality(b *testing.B) {
	c, h := benchHistogram(b, 100000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BinaryQuality(c, h); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

func BenchmarkEstimateBinary(b *testing.B) {
	_, h := benchHistogram(b, 100000)
	b.ReportAllocs()
	for b.Loop() {
		EstimateBinary(h, 0.5)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

func BenchmarkFairness(b *testing.B) {
	groups := map[string]*GroupCounts{}
	for i := range 20 {
		groups[fmt.Sprintf("group-%02d", i)] = &GroupCounts{N: 1000, Selected: int64(300 + i), TP: int64(200 + i), FP: 100, TN: 600, FN: 100}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fairness("region", groups, FairnessOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
