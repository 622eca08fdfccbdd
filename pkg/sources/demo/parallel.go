package demo

import (
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// Windows are simulated independently of one another, so a call with many
// of them shares them out between a few goroutines: a month of telemetry
// is simulated on every core, and the call keeps its share of a busy
// machine while every query waits for it.
const (
	simulators        = 4
	parallelMinutes   = 24 * 60 // the least telemetry worth sharing out
	parallelMinWindow = 2       // the fewest windows worth sharing out
)

// eachWindow runs simulate for every window, a few at a time when there is
// enough to share, and returns the error of the first window in order that
// failed.
func eachWindow(windows []sources.Window, simulate func(i int) error) error {
	var total time.Duration
	for _, w := range windows {
		total += w.Length()
	}
	if len(windows) < parallelMinWindow || total < parallelMinutes*time.Minute {
		for i := range windows {
			if err := simulate(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(windows))
	var panicked any
	var once sync.Once
	next := make(chan int, len(windows))
	for i := range windows {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(simulators, len(windows)) {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { panicked = fmt.Sprintf("%v\n%s", p, debug.Stack()) })
				}
			}()
			for i := range next {
				errs[i] = simulate(i)
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked) // in the caller, whose query recovers it
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
