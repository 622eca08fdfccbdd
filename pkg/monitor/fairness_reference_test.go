package monitor

import (
	"strings"
	"testing"

	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The reference option reaches the engine: the frames name the group the
// disparities compare with, and an unknown group is the user's error.
func TestFairnessReferenceIsAQueryOption(t *testing.T) {
	for _, c := range []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, "best"},
		{map[string]any{"reference": "largest"}, "largest"},
		{map[string]any{"reference": "named", "referenceGroup": "female"}, "female"},
	} {
		body := map[string]any{"queryType": "fairness", "model": demo.RiskAssessment, "attribute": "gender"}
		for k, v := range c.body {
			body[k] = v
		}
		d := frameNamed(t, answer(t, body, 7*day, day), "fairnessDisparities")
		if refs := stringsOf(t, d, "reference"); refs[0] != c.want {
			t.Errorf("%v: compared with %v, want %s", c.body, refs[0], c.want)
		}
	}
	_, err := newDemoSetup(t, testNow).answer(t, map[string]any{"queryType": "fairnessTrend", "model": demo.RiskAssessment, "reference": "named", "referenceGroup": "martian"}, 7*day, day)
	if !fault.IsUser(err) || !strings.Contains(err.Error(), `referenceGroup "martian" is not a group of gender`) {
		t.Fatalf("an unknown reference group: %v", err)
	}
}
