package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The summarizer is the only per-row work: these benchmarks report its rows/s
// on a 20-feature binary model (as the peer benchmark) and the cost of the
// drift report, which reads summaries only and so is independent of rows.

const benchFeatures = 20

func benchRows(n int, shift float64, seed uint64) (Schema, []Row) {
	schema := Schema{Task: TaskBinary, Sensitive: []string{"group"}}
	for i := 0; i < benchFeatures-5; i++ {
		schema.Numeric = append(schema.Numeric, fmt.Sprintf("x%d", i))
	}
	for i := 0; i < 5; i++ {
		schema.Categorical = append(schema.Categorical, fmt.Sprintf("c%d", i))
	}
	cats := []string{"a", "b", "c", "d", "e", "f"}
	rng := rand.New(rand.NewPCG(seed, 7))
	rows := make([]Row, n)
	for i := range rows {
		r := Row{Num: make([]float64, len(schema.Numeric)), Cat: make([]string, len(schema.Categorical))}
		for j := range r.Num {
			r.Num[j] = rng.NormFloat64() + shift
		}
		for j := range r.Cat {
			r.Cat[j] = cats[rng.IntN(len(cats))]
		}
		r.Sens = []string{cats[rng.IntN(2)]}
		r.Score = rng.Float64()
		r.Label, r.Labeled = float64(rng.IntN(2)), true
		rows[i] = r
	}
	return schema, rows
}

func BenchmarkSummarizer(b *testing.B) {
	schema, rows := benchRows(50000, 0.2, 1)
	base, err := NewBaseline(schema, rows[:10000])
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	added := 0
	for b.Loop() {
		z := NewSummarizer(base)
		for i := range rows {
			z.Add(&rows[i])
		}
		added += len(rows)
	}
	b.ReportMetric(float64(added)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkFeatureDrift(b *testing.B) {
	schema, rows := benchRows(20000, 0, 2)
	base, err := NewBaseline(schema, rows[:10000])
	if err != nil {
		b.Fatal(err)
	}
	_, current := benchRows(10000, 0.3, 3)
	z := NewSummarizer(base)
	for i := range current {
		z.Add(&current[i])
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FeatureDrift(base, z.Summary(), DriftAuto); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
