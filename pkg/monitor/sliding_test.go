package monitor

import (
	"testing"
)

func TestWindowSumsAddTheLastKItems(t *testing.T) {
	items := []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}
	merges := 0
	add := func(a, b int) (int, error) { merges++; return a + b, nil }
	for k := 1; k <= 12; k++ {
		merges = 0
		got, err := windowSums(t.Context(), items, k, add)
		if err != nil {
			t.Fatal(err)
		}
		for i := range items {
			want := 0
			for j := max(0, i-k+1); j <= i; j++ {
				want += items[j]
			}
			if got[i] != want {
				t.Errorf("k=%d i=%d: %d, want %d", k, i, got[i], want)
			}
		}
		if merges > 3*len(items) {
			t.Errorf("k=%d: %d merges for %d items, want at most three per item", k, merges, len(items))
		}
	}
}
