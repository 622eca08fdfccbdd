package engine

// MinCalibrationRows is the number of labeled rows a reference histogram needs
// before its calibration map is trusted; with fewer, scores are taken as
// already calibrated.
const MinCalibrationRows = 100

// Calibration maps each score bin to a calibrated probability of the positive
// class. The map is isotonic regression (pool adjacent violators) of the
// labeled outcome rate on the score bins, weighted by labeled rows: the binned
// form of the isotonic calibrator CBPE fits on its reference data.
type Calibration struct {
	prob   []float64 // per score bin
	fitted bool
}

// Fitted tells whether the map was learned from labeled rows (false: identity).
func (c Calibration) Fitted() bool { return c.fitted }

// CalibrationFrom fits the calibration map on the labeled rows of ref; nil or
// a reference with fewer than MinCalibrationRows labeled rows gives the
// identity map.
func CalibrationFrom(ref *ScoreHistogram) Calibration {
	pos, neg := labeledTotals(ref)
	if pos+neg < MinCalibrationRows {
		return Calibration{}
	}
	type block struct {
		first, last int // bin range
		weight, pos float64
	}
	var blocks []block
	for b := range ref.Pos {
		w := float64(ref.Pos[b] + ref.Neg[b])
		if w == 0 {
			continue
		}
		blocks = append(blocks, block{first: b, last: b, weight: w, pos: float64(ref.Pos[b])})
		// pool while the rate decreases from the previous block
		for n := len(blocks); n > 1 && blocks[n-2].pos/blocks[n-2].weight >= blocks[n-1].pos/blocks[n-1].weight; n-- {
			prev, cur := blocks[n-2], blocks[n-1]
			blocks[n-2] = block{first: prev.first, last: cur.last, weight: prev.weight + cur.weight, pos: prev.pos + cur.pos}
			blocks = blocks[:n-1]
		}
	}
	c := Calibration{prob: make([]float64, ref.Bins()), fitted: true}
	// bins without labeled rows take the rate of the block below them (or
	// above, before the first block), which keeps the map monotone
	next := 0
	for b := range c.prob {
		for next < len(blocks)-1 && b > blocks[next].last && b >= blocks[next+1].first {
			next++
		}
		blk := blocks[next]
		c.prob[b] = blk.pos / blk.weight
	}
	return c
}

// probability is the calibrated probability of a bin whose rows have the given
// mean score.
func (c Calibration) probability(bin int, meanScore float64) float64 {
	if !c.fitted {
		return meanScore
	}
	return c.prob[bin]
}
