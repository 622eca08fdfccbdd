package monitor

import (
	"hash/maphash"
	"slices"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/aiperf/monitor/pkg/engine"
)

// Folds keeps, for a data source's lifetime, the totals of runs of window
// summaries that queries merged. Summaries from the sources are never
// modified, so the same run (the same summaries, by identity) always
// merges to the same total: the panels of a dashboard, and its refreshes
// while the range's closed windows stay cached, merge a run once, and only
// the open window is merged on top. A run is kept the second time it is
// merged: one with a window read afresh each time (labels still arriving)
// never comes again, and keeping it would only hold its summaries.
type Folds struct {
	seed maphash.Seed
	kept *lru.Cache[uint64, *fold]
	seen *lru.Cache[uint64, struct{}] // runs merged once, by hash only
}

// fold is a kept run and its total. Holding the run keeps its summaries
// alive, so no other summary can take their addresses while it is kept.
type fold struct {
	run   []*engine.Summary
	total *engine.Summary
}

// foldEntries bounds the kept totals: a few per model and range shown.
const foldEntries = 256

// NewFolds returns an empty memory of totals.
func NewFolds() *Folds {
	kept, _ := lru.New[uint64, *fold](foldEntries)
	seen, _ := lru.New[uint64, struct{}](4 * foldEntries)
	return &Folds{seed: maphash.MakeSeed(), kept: kept, seen: seen}
}

// total is engine.MergeAll(summaries...), exactly: the fold of every window
// but the last is kept, cloned and the last merged into the clone, the
// same additions in the same order. A nil Folds merges every time.
func (f *Folds) total(summaries []*engine.Summary) (*engine.Summary, error) {
	n := len(summaries)
	if f == nil || n < 3 {
		return engine.MergeAll(summaries...)
	}
	run := summaries[:n-1]
	key := f.identity(run)
	kept, ok := f.kept.Get(key)
	if !ok || !slices.Equal(kept.run, run) {
		total, err := engine.MergeAll(run...)
		if err != nil {
			return nil, err
		}
		kept = &fold{run: slices.Clone(run), total: total}
		if again, _ := f.seen.ContainsOrAdd(key, struct{}{}); again {
			f.kept.Add(key, kept)
		}
	}
	out := kept.total.Clone()
	if err := out.Merge(summaries[n-1]); err != nil {
		return nil, err
	}
	return out, nil
}

// identity hashes the addresses of a run's summaries.
func (f *Folds) identity(run []*engine.Summary) uint64 {
	var h maphash.Hash
	h.SetSeed(f.seed)
	for _, s := range run {
		maphash.WriteComparable(&h, s)
	}
	return h.Sum64()
}
