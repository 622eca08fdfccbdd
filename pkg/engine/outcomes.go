package engine

// ScoreHistogram holds a binary classifier's scores split by label, in the
// bins the baseline fixed (Baseline.ScoreEdges). Per-bin score sums make ECE
// and label-free estimates exact within a bin; the log-loss and Brier sums
// are accumulated per row so both metrics are exact.
type ScoreHistogram struct {
	Edges                        []float64 // the baseline's score edges, shared and read-only
	Pos, Neg, Unlabeled          []int64   // counts per bin
	SumPos, SumNeg, SumUnlabeled []float64 // Σ score per bin
	LogLossSum                   float64   // Σ −[y·ln p + (1−y)·ln(1−p)] over labeled rows, p clipped to [ε, 1−ε]
	BrierSum                     float64   // Σ (p − y)² over labeled rows
}

func newScoreHistogram(edges []float64) *ScoreHistogram {
	n := len(edges) + 1
	return &ScoreHistogram{Edges: edges,
		Pos: make([]int64, n), Neg: make([]int64, n), Unlabeled: make([]int64, n),
		SumPos: make([]float64, n), SumNeg: make([]float64, n), SumUnlabeled: make([]float64, n)}
}

// Bins is the number of score bins.
func (h *ScoreHistogram) Bins() int { return len(h.Pos) }

// Confusion is a K×K matrix of labeled counts (rows: actual, columns:
// predicted) plus the predicted-class counts of every row, labeled or not.
type Confusion struct {
	Matrix    [][]int64
	Predicted []int64
}

// GroupCounts are the binary outcomes of one group of a sensitive attribute.
type GroupCounts struct {
	N        int64 // all rows of the group
	Selected int64 // rows predicted positive (labeled or not)
	TP, FP   int64 // labeled rows only
	TN, FN   int64
}

// RegressionSums accumulate the labeled errors e = prediction − target.
// The target's spread is kept as centred moments, so R² stays exact when
// targets sit far from zero (1e7 ± 1).
type RegressionSums struct {
	N         int64
	SumAbsErr float64 // Σ|e|
	SumSqErr  float64 // Σe²
	Target    Moments // of y: SST = Target.M2
	SumAbsPct float64 // Σ|e/y| over rows with y ≠ 0
	NPct      int64   // rows with y ≠ 0
}
