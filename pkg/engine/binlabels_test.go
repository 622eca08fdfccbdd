package engine

import (
	"reflect"
	"testing"
)

func TestBinEdgesReadWithoutExponents(t *testing.T) {
	for v, want := range map[float64]string{
		0.25: "0.25", 6978: "6978", 13160: "13.16k", -25490: "-25.49k", 2.5e6: "2.5M", 3.1e9: "3.1G", 1e-5: "1e-05",
	} {
		if got := format(v); got != want {
			t.Errorf("format(%v) = %q, want %q", v, got, want)
		}
	}
	got := groupLabels([]int{0, 1, 2}, []float64{6978, 13160})
	if want := []string{"< 6978", "[6978, 13.16k)", "≥ 13.16k"}; !reflect.DeepEqual(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}

func TestPointBinsReadAsValues(t *testing.T) {
	edges := pointEdges([]float64{0, 1})
	got := groupLabels([]int{0, 1, 2, 2, 3}, edges)
	if want := []string{"< 0", "= 0", "(0, 1]", "> 1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}

func TestDistributionOfADiscreteFeatureShowsItsValues(t *testing.T) {
	b, err := NewBaseline(numericSchema, numericRows([]float64{0, 0, 0, 1}))
	if err != nil {
		t.Fatal(err)
	}
	d, err := FeatureDistribution(b, summarize(b, numericRows([]float64{1, 1, 2, 2})), "x")
	if err != nil {
		t.Fatal(err)
	}
	want := Distribution{Labels: []string{"= 0", "= 1", "> 1"}, Baseline: []float64{0.75, 0.25, 0}, Current: []float64{0, 0.5, 0.5}}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("distribution %+v, want %+v", d, want)
	}
}
