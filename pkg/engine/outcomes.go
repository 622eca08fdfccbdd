package engine

// ScoreBins is the number of equal-width score bins on [0, 1] kept by a
// ScoreHistogram. 100 bins bound the AUC/PR-AUC approximation error; ECE and
// the reliability curve regroup them into 10.
const ScoreBins = 100

// ScoreHistogram holds a binary classifier's scores split by label. Per-bin
// score sums make ECE and label-free estimates exact within a bin; the
// log-loss and Brier sums are accumulated per row so both metrics are exact.
type ScoreHistogram struct {
	Pos, Neg, Unlabeled          [ScoreBins]int64   // counts per bin
	SumPos, SumNeg, SumUnlabeled [ScoreBins]float64 // Σ score per bin
	LogLossSum                   float64            // Σ −[y·ln p + (1−y)·ln(1−p)] over labeled rows, p clipped
	BrierSum                     float64            // Σ (p − y)² over labeled rows
}

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
type RegressionSums struct {
	N         int64
	SumAbsErr float64 // Σ|e|
	SumSqErr  float64 // Σe²
	SumY      float64 // Σy
	SumYSq    float64 // Σy²
	SumAbsPct float64 // Σ|e/y| over rows with y ≠ 0
	NPct      int64   // rows with y ≠ 0
}
