package monitor

import (
	"fmt"
	"slices"
	"testing"
)

func TestWindowSumsAddTheLastKItems(t *testing.T) {
	items := []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}
	merges := 0
	add := func(a, b int) (int, error) { merges++; return a + b, nil }
	for k := 1; k <= 12; k++ {
		for from := 0; from <= len(items); from++ {
			merges = 0
			got, err := windowSums(t.Context(), items, k, from, add)
			if err != nil {
				t.Fatal(err)
			}
			for i := from; i < len(items); i++ {
				want := 0
				for j := max(0, i-k+1); j <= i; j++ {
					want += items[j]
				}
				if got[i] != want {
					t.Errorf("k=%d from=%d i=%d: %d, want %d", k, from, i, got[i], want)
				}
			}
			if limit := 3 * (len(items) - max(0, from-k)); merges > limit {
				t.Errorf("k=%d from=%d: %d merges, want at most three per item a wanted sum reads (%d)", k, from, merges, limit)
			}
		}
	}
}

// A sum is merged in the same order whichever sums are wanted, so a
// history evaluated from a later window reads the same totals to the bit.
func TestWindowSumsDoNotDependOnTheFirstWanted(t *testing.T) {
	items := make([]string, 40)
	for i := range items {
		items[i] = fmt.Sprint(i)
	}
	// The merge tree as a string: any change of order shows.
	tree := func(a, b string) (string, error) { return "(" + a + "+" + b + ")", nil }
	for _, k := range []int{1, 3, 7, 24} {
		all, err := windowSums(t.Context(), items, k, 0, tree)
		if err != nil {
			t.Fatal(err)
		}
		for from := range items {
			some, err := windowSums(t.Context(), items, k, from, tree)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(some[from:], all[from:]) {
				t.Fatalf("k=%d: the sums from %d are merged differently when the earlier ones are not wanted", k, from)
			}
		}
	}
}
