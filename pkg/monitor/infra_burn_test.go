package monitor

import (
	"testing"
	"time"
)

func TestBurnRateListsEveryConditionPerModel(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "burnRate"}, 7*day, time.Hour)[0]
	if f.Name != "burnRate" || f.Rows() != 5*4 {
		t.Fatalf("%s with %d rows; want 4 conditions × 5 models", f.Name, f.Rows())
	}
	factors := fieldValues(t, f, "factor")
	if factors[0] != 14.4 || factors[3] != 1 {
		t.Fatalf("conditions out of order: %v", factors[:4])
	}
	for _, v := range fieldValues(t, f, "longBurn") {
		if v < 0 {
			t.Fatalf("negative burn rate %v", v)
		}
	}
}
