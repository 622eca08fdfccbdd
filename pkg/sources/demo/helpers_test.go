package demo

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// testNow is mid-morning so that the anchor (UTC midnight) differs from now.
var testNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

var testAnchor = anchorOf(testNow)

func newTestFleet() *Fleet {
	return New(Options{Now: func() time.Time { return testNow }})
}

type timedRow struct {
	ts  time.Time
	row engine.Row
}

func collectRows(t testing.TB, f *Fleet, model string, from, to time.Time) []timedRow {
	t.Helper()
	var rows []timedRow
	err := f.Rows(model, from, to, func(ts time.Time, r *engine.Row) error {
		c := *r
		c.Num, c.Cat, c.Sens = slices.Clone(r.Num), slices.Clone(r.Cat), slices.Clone(r.Sens)
		rows = append(rows, timedRow{ts, c})
		return nil
	})
	if err != nil {
		t.Fatalf("Rows(%s): %v", model, err)
	}
	return rows
}

// sameRow compares rows treating NaN (missing) as equal to NaN.
func sameRow(a, b engine.Row) bool {
	if len(a.Num) != len(b.Num) {
		return false
	}
	for i := range a.Num {
		if a.Num[i] != b.Num[i] && !(math.IsNaN(a.Num[i]) && math.IsNaN(b.Num[i])) {
			return false
		}
	}
	return slices.Equal(a.Cat, b.Cat) && slices.Equal(a.Sens, b.Sens) &&
		a.Score == b.Score && a.Pred == b.Pred && a.Label == b.Label && a.Labeled == b.Labeled
}

// outcomes counts binary decisions and labels for one group of rows.
type outcomes struct{ n, selected, positives, truePositives, correct float64 }

func (o *outcomes) add(r engine.Row, threshold float64) {
	predicted := r.Score >= threshold
	o.n++
	if predicted {
		o.selected++
	}
	if r.Label == 1 {
		o.positives++
		if predicted {
			o.truePositives++
		}
	}
	if predicted == (r.Label == 1) {
		o.correct++
	}
}

func (o outcomes) selectionRate() float64 { return o.selected / o.n }
func (o outcomes) tpr() float64           { return o.truePositives / o.positives }
func (o outcomes) accuracy() float64      { return o.correct / o.n }
