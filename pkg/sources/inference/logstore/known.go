package logstore

import (
	"fmt"
	"runtime"
	"sync"
	"weak"

	"github.com/aiperf/monitor/pkg/engine"
)

// The engine counts a categorical feature's first MaxCategories baseline
// values one by one and the rest as "other"; a baseline keeps only the
// counted ones. The store remembers the rest of each baseline it built,
// for as long as the baseline lives, to tell "other" from "unseen".
var tails sync.Map // weak.Pointer[engine.Baseline] → [][]string

// rememberCategories keeps a baseline's full category lists when one is
// longer than the counted part.
func rememberCategories(b *engine.Baseline, values [][]string) {
	long := false
	for _, v := range values {
		long = long || len(v) > engine.MaxCategories
	}
	if !long {
		return
	}
	key := weak.Make(b)
	tails.Store(key, values)
	runtime.AddCleanup(b, func(k weak.Pointer[engine.Baseline]) { tails.Delete(k) }, key)
}

// knownCategories maps each of feature i's baseline values to its counted
// index, len(Categories) for the uncounted ones.
func knownCategories(b *engine.Baseline, i int) (map[string]int, error) {
	p := &b.Categorical[i]
	known := make(map[string]int, len(p.Categories))
	for k, v := range p.Categories {
		known[v] = k
	}
	if len(p.Categories) < engine.MaxCategories {
		return known, nil
	}
	all, ok := tails.Load(weak.Make(b))
	if !ok {
		return nil, fmt.Errorf("the baseline of feature %s counts %d categories and was not profiled by this store: its other known values are unknown here", p.Name, len(p.Categories))
	}
	for _, v := range all.([][]string)[i][len(p.Categories):] {
		known[v] = len(p.Categories)
	}
	return known, nil
}
