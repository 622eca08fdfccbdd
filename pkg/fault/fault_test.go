package fault

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestUserErrorsSurviveWrapping(t *testing.T) {
	err := fmt.Errorf("schema of x: %w", Userf("model %s is unknown", Echo("x")))
	if !IsUser(err) || IsUser(errors.New("plain")) {
		t.Fatal("IsUser must see through wrapping and reject plain errors")
	}
	if !IsNotFound(fmt.Errorf("w: %w", NotFoundf("no model"))) {
		t.Fatal("IsNotFound must see through wrapping")
	}
}

func TestDownstreamIsGrafanasDownstreamError(t *testing.T) {
	if !backend.IsDownstreamError(Downstream(errors.New("connection refused"))) {
		t.Fatal("Downstream must mark the error for Grafana")
	}
	if Downstream(nil) != nil {
		t.Fatal("nil stays nil")
	}
}

func TestEchoCutsLongValues(t *testing.T) {
	long := strings.Repeat("é", 1<<20)
	got := Echo(long)
	if len(got) > 300 || !strings.Contains(got, fmt.Sprintf("%d more characters", (1<<20)-maxEcho)) {
		t.Fatalf("a 1 MiB value must come back cut with a count, got %d bytes", len(got))
	}
	if Echo("risk") != `"risk"` {
		t.Fatal("short values are quoted whole")
	}
}

func TestJoinLimitedListsTheFirstTwentyAndCountsTheRest(t *testing.T) {
	errs := make([]error, 100_000)
	for i := range errs {
		errs[i] = fmt.Errorf("models[%d].id: bad", i)
	}
	msg := JoinLimited(errs).Error()
	if strings.Count(msg, "\n") != maxListed || !strings.Contains(msg, "and 99980 more errors") {
		t.Fatalf("want %d lines plus a count, got %d bytes", maxListed, len(msg))
	}
}

func TestRootCauseIsTheInnermostError(t *testing.T) {
	dial := errors.New("connect: connection refused")
	err := fmt.Errorf("summarizing m: %w", fmt.Errorf("dial tcp 10.0.0.1:5432: %w", dial))
	if got := RootCause(err); got != dial.Error() {
		t.Fatalf("RootCause = %q, want %q", got, dial.Error())
	}
	if got := RootCause(dial); got != dial.Error() {
		t.Fatalf("RootCause of an unwrapped error = %q", got)
	}
}
