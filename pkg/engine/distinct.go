package engine

import (
	"cmp"
	"slices"
)

// distinctCap is the largest distinct-value count the auto drift method
// distinguishes (Evidently: ≤ 5 values is discrete, ≤ 2 is two-valued).
// Summaries keep up to distinctCap+1 values, so "more than distinctCap"
// survives any merge.
const distinctCap = 5

// addDistinct records v in the sorted, capped set.
func addDistinct[T cmp.Ordered](set []T, v T) []T {
	if len(set) > distinctCap {
		return set
	}
	for _, s := range set { // a few values: equality is cheaper than ordering
		if s == v {
			return set
		}
	}
	i, _ := slices.BinarySearch(set, v)
	return slices.Insert(set, i, v)
}

// unionDistinct merges two capped sets; the union of sets that are each
// exact or overfull is again exact or overfull.
func unionDistinct[T cmp.Ordered](a, b []T) []T {
	out := slices.Clone(a)
	for _, v := range b {
		out = addDistinct(out, v)
	}
	return out
}
