package cache

import (
	"context"
	"sync"
	"testing"
)

// A build that panics (a connector bug) must not take the process down
// from its own goroutine: every caller waiting for it raises the panic
// where its query's recovery turns it into that query's error.
func TestAPanickingBuildPanicsInEveryWaiter(t *testing.T) {
	s := newShared[string, int]()
	release := make(chan struct{})
	var joined sync.WaitGroup
	build := func(context.Context) (int, error) {
		joined.Wait()
		<-release
		panic("connector bug")
	}
	const callers = 3
	joined.Add(callers)
	panicked := make(chan bool, callers)
	for range callers {
		go func() {
			defer func() { panicked <- recover() != nil }()
			joined.Done()
			_, _ = s.do(t.Context(), "baseline", build)
		}()
	}
	joined.Wait()
	close(release)
	for range callers {
		if !<-panicked {
			t.Error("a caller did not see the build's panic")
		}
	}
	// The next caller builds afresh.
	if v, err := s.do(t.Context(), "baseline", func(context.Context) (int, error) { return 7, nil }); v != 7 || err != nil {
		t.Fatalf("after the panic: %d, %v; want a new build", v, err)
	}
}
