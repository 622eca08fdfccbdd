package monitor

import "context"

// windowSums returns, for every i, the sum of items[max(0, i−k+1) .. i],
// with about three merges per item instead of k: the items are cut into
// blocks of k, and a window is the suffix of one block plus the prefix of
// the next. merge must return a new value and leave its arguments alone.
// It stops when ctx is done.
func windowSums[T any](ctx context.Context, items []T, k int, merge func(a, b T) (T, error)) ([]T, error) {
	n := len(items)
	k = max(k, 1)
	prefix, suffix := make([]T, n), make([]T, n)
	var err error
	for start := 0; start < n; start += k {
		end := min(start+k, n)
		prefix[start] = items[start]
		for i := start + 1; i < end; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if prefix[i], err = merge(prefix[i-1], items[i]); err != nil {
				return nil, err
			}
		}
		suffix[end-1] = items[end-1]
		for i := end - 2; i >= start; i-- {
			if suffix[i], err = merge(items[i], suffix[i+1]); err != nil {
				return nil, err
			}
		}
	}
	out := make([]T, n)
	for i := range n {
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
