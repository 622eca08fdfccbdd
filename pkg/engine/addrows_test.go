package engine

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// oddRows are rows of every kind a column meets: missing and unusable
// values, empty categories, scores outside [0, 1], unlabeled rows, and
// discrete and continuous columns.
func oddRows(task Task, n int) (Schema, []Row) {
	schema := Schema{Task: task, Numeric: []string{"continuous", "discrete", "gappy"}, Categorical: []string{"c0", "c1"}, Sensitive: []string{"group"}}
	if task == TaskMulticlass {
		schema.Classes = []string{"a", "b", "c"}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	cats := []string{"x", "y", "z", ""}
	rows := make([]Row, n)
	for i := range rows {
		r := Row{Num: []float64{rng.NormFloat64() * 100, float64(rng.IntN(7)), rng.ExpFloat64()}, Cat: []string{cats[rng.IntN(4)], cats[rng.IntN(3)]}, Sens: []string{cats[rng.IntN(4)]}}
		switch rng.IntN(20) {
		case 0:
			r.Num[2] = Missing
		case 1:
			r.Num[2] = math.Inf(1)
		}
		r.Score = rng.Float64()
		if rng.IntN(50) == 0 {
			r.Score = 1.5
		}
		if task == TaskRegression {
			r.Score = rng.NormFloat64() * 10
		}
		r.Pred = rng.IntN(3)
		r.Label, r.Labeled = float64(rng.IntN(2)), rng.IntN(3) > 0
		if task == TaskRegression {
			r.Label = r.Score + rng.NormFloat64()
		}
		rows[i] = r
	}
	return schema, rows
}

// Profiling and summarizing rows column by column on several goroutines
// gives exactly what adding them one at a time gives.
func TestAddRowsEqualsAddingOneAtATime(t *testing.T) {
	for _, task := range []Task{TaskBinary, TaskMulticlass, TaskRegression} {
		schema, rows := oddRows(task, 5*parallelRows+17)
		one, err := NewBaselineBuilder(schema)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := NewBaselineBuilder(schema)
		for k := range rows {
			one.Add(&rows[k])
		}
		for start := 0; start < len(rows); start += 2 * parallelRows {
			all.AddRows(rows[start:min(start+2*parallelRows, len(rows))])
		}
		if !reflect.DeepEqual(one.Profile(), all.Profile()) {
			t.Fatalf("%s: the profile of rows added together differs", task)
		}
		b, err := one.Baseline()
		if err != nil {
			t.Fatal(err)
		}
		z1, z2 := NewSummarizer(b), NewSummarizer(b)
		for k := range rows {
			z1.Add(&rows[k])
		}
		z2.AddRows(rows[:parallelRows-1]) // too few to share: one at a time
		z2.AddRows(rows[parallelRows-1:])
		if !reflect.DeepEqual(z1.Summary(), z2.Summary()) {
			t.Fatalf("%s: the summary of rows added together differs", task)
		}
	}
}
