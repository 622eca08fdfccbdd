package cache

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// fakeMeters reports one request, one version use and one logged row per
// minute of every window, counting the windows it is asked for.
type fakeMeters struct{ access, versions, audit atomic.Int64 }

func (f *fakeMeters) Access(_ context.Context, _ string, w []sources.Window) ([]sources.AccessCounts, error) {
	f.access.Add(int64(len(w)))
	out := make([]sources.AccessCounts, len(w))
	for i, win := range w {
		out[i] = sources.AccessCounts{Requests: win.Length().Minutes(), AuthFailures: 1}
	}
	return out, nil
}

func (f *fakeMeters) ServedVersions(_ context.Context, _ string, w []sources.Window) ([][]sources.VersionUse, error) {
	f.versions.Add(int64(len(w)))
	out := make([][]sources.VersionUse, len(w))
	for i, win := range w {
		out[i] = []sources.VersionUse{{Version: "3", Predictions: win.Length().Minutes()}}
	}
	return out, nil
}

func (f *fakeMeters) AuditTrail(_ context.Context, _ string, w []sources.Window) ([]sources.AuditCounts, error) {
	f.audit.Add(int64(len(w)))
	out := make([]sources.AuditCounts, len(w))
	for i, win := range w {
		out[i] = sources.AuditCounts{Predictions: int64(win.Length().Minutes())}
	}
	return out, nil
}

// Request outcomes add up by block, so a range's open edge reuses every
// closed block inside it, and the totals are those of the whole windows.
func TestAccessWindowsReuseClosedBlocks(t *testing.T) {
	src := &fakeMeters{}
	m := Meters(sources.Meters{Access: src, By: map[string]string{sources.MeterAccess: "fake"}}, options(0))
	if m.By[sources.MeterAccess] != "fake" {
		t.Fatal("the decorated meters lost who measures them")
	}
	end := now.Truncate(time.Minute)
	w := []sources.Window{{From: end.Add(-72 * time.Hour), To: end}, {From: end.Add(-time.Hour), To: end}}
	first, err := m.Access.Access(t.Context(), "m", w)
	if err != nil || first[0].Requests != 72*60 || first[1].Requests != 60 {
		t.Fatalf("%+v %v", first, err)
	}
	asked := src.access.Load()
	again, err := m.Access.Access(t.Context(), "m", w)
	if err != nil || again[0] != first[0] || again[1] != first[1] {
		t.Fatalf("the second call answered %+v, the first %+v (%v)", again, first, err)
	}
	if n := src.access.Load() - asked; n > 2 {
		t.Fatalf("the second call asked the source for %d blocks; only the last minutes are not final", n)
	}
}

// Served versions and audit counts of a window are kept once its rows can
// no longer arrive: closed for the model's label delay.
func TestRowMetersKeepWindowsPastTheLabelDelay(t *testing.T) {
	src := &fakeMeters{}
	m := Meters(sources.Meters{Versions: src, Audit: src}, options(6*time.Hour))
	w := hours(now.Truncate(time.Hour).Add(-24*time.Hour), 24) // 12:00 to 12:00; at 12:30 the 6 hours ending after 06:30 are not final
	for range 2 {
		if _, err := m.Versions.ServedVersions(t.Context(), "m", w); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Audit.AuditTrail(t.Context(), "m", w); err != nil {
			t.Fatal(err)
		}
	}
	final := int64(24 - 6)
	if got, want := src.versions.Load(), 24+(24-final); got != want {
		t.Errorf("served versions asked for %d windows over two calls, want %d", got, want)
	}
	if got, want := src.audit.Load(), 24+(24-final); got != want {
		t.Errorf("audit counts asked for %d windows over two calls, want %d", got, want)
	}
}
