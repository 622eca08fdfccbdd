package monitor

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
)

// modelParallelism is how many models one fleet query measures at once: a
// query over the fleet waits for its slowest model rather than for all of
// them in turn, and keeps its share of a busy machine.
const modelParallelism = 4

// eachModel runs measure for models 0..n−1, a few at a time, and returns the
// error of the first model in order that failed. Each call writes only its
// own model's results, so the caller assembles them in model order and the
// answer is the one a model-by-model loop gives. A panic in a call is
// raised again in the caller, where the query's own recovery handles it.
func eachModel(ctx context.Context, n int, measure func(ctx context.Context, i int) error) error {
	errs := make([]error, n)
	panics := make([]string, n)
	sem := make(chan struct{}, modelParallelism)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					panics[i] = fmt.Sprintf("%v\n%s", p, debug.Stack())
				}
				<-sem
			}()
			errs[i] = measure(ctx, i)
		})
	}
	wg.Wait()
	for i := range n {
		if panics[i] != "" {
			panic(panics[i])
		}
		if errs[i] != nil {
			return errs[i]
		}
	}
	return nil
}

// concurrently runs every read at once and waits for them all; the reads
// are remembered for the request, so the caller's own, later reads find
// them done and report their errors where they always did. A panic in a
// read is raised again in the caller.
func concurrently(reads ...func()) {
	panics := make([]string, len(reads))
	var wg sync.WaitGroup
	for i, read := range reads {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					panics[i] = fmt.Sprintf("%v\n%s", p, debug.Stack())
				}
			}()
			read()
		})
	}
	wg.Wait()
	for _, p := range panics {
		if p != "" {
			panic(p)
		}
	}
}
