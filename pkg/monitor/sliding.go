package monitor

import "context"

// windowSums returns, for every i from on, the sum of items[max(0, i−k+1) .. i]
// (earlier entries stay zero), with at most about three merges per item
// instead of k: the items are cut into blocks of k, and a window is the
// suffix of one block plus the prefix of the next. Only the prefixes and
// suffixes the wanted sums read are merged, always in the same order, so a
// sum does not depend on which others are wanted. merge must return a new
// value and leave its arguments alone. It stops when ctx is done.
func windowSums[T any](ctx context.Context, items []T, k, from int, merge func(a, b T) (T, error)) ([]T, error) {
	n := len(items)
	k, from = max(k, 1), max(from, 0)
	prefix, suffix, out := make([]T, n), make([]T, n), make([]T, n)
	// The suffixes read start at the windows' first items past the very
	// first one: from lowest to n−k.
	lowest := max(from-k+1, 1)
	var err error
	for start := min(lowest, from) / k * k; start < n; start += k {
		end := min(start+k, n)
		if end > from {
			prefix[start] = items[start]
			for i := start + 1; i < end; i++ {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				if prefix[i], err = merge(prefix[i-1], items[i]); err != nil {
					return nil, err
				}
			}
		}
		if max(start, lowest) > min(end-1, n-k) {
			continue
		}
		suffix[end-1] = items[end-1]
		for i := end - 2; i >= max(start, lowest); i-- {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if suffix[i], err = merge(items[i], suffix[i+1]); err != nil {
				return nil, err
			}
		}
	}
	for i := from; i < n; i++ {
		lo := i - k + 1
		if lo <= 0 || lo%k == 0 {
			// the window starts at the first item or at a block's start: one prefix
			out[i] = prefix[i]
			continue
		}
		if out[i], err = merge(suffix[lo], prefix[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}
