package monitor

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestEachModelRunsAFewAtATimeAndReportsTheFirstFailure(t *testing.T) {
	var running, most atomic.Int64
	done := make([]bool, 10)
	err := eachModel(t.Context(), len(done), func(_ context.Context, i int) error {
		now := running.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond)
		running.Add(-1)
		done[i] = true
		if i == 3 || i == 7 {
			return errors.New("model " + string(rune('0'+i)))
		}
		return nil
	})
	if err == nil || err.Error() != "model 3" {
		t.Fatalf("error %v, want the first model's in order", err)
	}
	for i, d := range done {
		if !d {
			t.Errorf("model %d was not measured", i)
		}
	}
	if m := most.Load(); m < 2 || m > modelParallelism {
		t.Errorf("%d models ran at once, want 2 to %d", m, modelParallelism)
	}
}

func TestEachModelRaisesAPanicInTheCaller(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a model's panic was lost")
		}
	}()
	_ = eachModel(t.Context(), 3, func(_ context.Context, i int) error {
		if i == 1 {
			panic("boom")
		}
		return nil
	})
}

func TestConcurrentlyRunsEveryReadAtOnce(t *testing.T) {
	started := make(chan struct{}, 3)
	release := make(chan struct{})
	go func() {
		for range 3 {
			<-started
		}
		close(release) // only if all three are running at once
	}()
	read := func() { started <- struct{}{}; <-release }
	done := make(chan struct{})
	go func() { concurrently(read, read, read); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the reads did not all run at once")
	}
	defer func() {
		if recover() == nil {
			t.Error("a read's panic was lost")
		}
	}()
	concurrently(func() {}, func() { panic("boom") })
}
