// Command enginebench times the engine on the peer-benchmark files written by
// tests/bench/gen_data.py: data drift for all 20 features plus binary quality,
// reference vs current. Timing starts before the CSV files are opened and
// ends after the report is computed, so reading and parsing are included, as
// they are for Evidently (see run.sh). Rows are streamed, never kept: the
// baseline's bin edges come from the first BaselineSampleRows reference rows
// (the generated rows are in random order, so they are a uniform sample), and
// both files are then summarized in full, one goroutine per file, and the
// reference summary replaces the sample's as the drift reference.
//
// Usage: enginebench DATA_DIR. Prints one JSON line.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// BaselineSampleRows is how many reference rows fix the baseline's bin edges.
const BaselineSampleRows = 50_000

type result struct {
	Rows            int64   `json:"rows"`
	Seconds         float64 `json:"seconds"`
	PeakMB          float64 `json:"peakMB"`
	DriftedFeatures int     `json:"driftedFeatures"`
	Features        int     `json:"features"`
	Accuracy        float64 `json:"accuracy"`
	AUC             float64 `json:"aucRoc"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: enginebench DATA_DIR (holding reference.csv and current.csv from gen_data.py)")
		os.Exit(2)
	}
	res, err := run(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "enginebench:", err)
		os.Exit(1)
	}
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}

func benchSchema() engine.Schema {
	s := engine.Schema{Task: engine.TaskBinary, Classes: []string{"0", "1"}, Threshold: 0.5}
	for i := range 14 {
		s.Numeric = append(s.Numeric, fmt.Sprintf("num_%02d", i))
	}
	for i := range 6 {
		s.Categorical = append(s.Categorical, fmt.Sprintf("cat_%02d", i))
	}
	return s
}

func run(dir string) (result, error) {
	start := time.Now()
	schema := benchSchema()
	ref, err := openRows(filepath.Join(dir, "reference.csv"), schema)
	if err != nil {
		return result{}, err
	}
	defer ref.close()
	sample, err := ref.take(BaselineSampleRows)
	if err != nil {
		return result{}, err
	}
	baseline, err := engine.NewBaseline(schema, sample)
	if err != nil {
		return result{}, fmt.Errorf("baseline: %w", err)
	}

	type summarized struct {
		s    *engine.Summary
		rows int64
		err  error
	}
	refDone, curDone := make(chan summarized, 1), make(chan summarized, 1)
	go func() {
		// NewBaseline already summarized the sample; add the rest of the file
		s := engine.NewSummarizer(baseline)
		n, err := ref.stream(s.Add)
		refDone <- summarized{s.Summary(), n + int64(len(sample)), err}
	}()
	go func() {
		cur, err := openRows(filepath.Join(dir, "current.csv"), schema)
		if err != nil {
			curDone <- summarized{err: err}
			return
		}
		defer cur.close()
		s := engine.NewSummarizer(baseline)
		n, err := cur.stream(s.Add)
		curDone <- summarized{s.Summary(), n, err}
	}()
	r, c := <-refDone, <-curDone
	if r.err != nil {
		return result{}, r.err
	}
	if c.err != nil {
		return result{}, c.err
	}
	sample = nil
	if err := baseline.Summary.Merge(r.s); err != nil {
		return result{}, fmt.Errorf("merge reference summaries: %w", err)
	}
	rep, err := report(baseline, c.s)
	if err != nil {
		return result{}, err
	}
	rep.Rows = r.rows + c.rows
	rep.Seconds = time.Since(start).Seconds()
	rep.PeakMB = peakMB()
	return rep, nil
}

// peakMB is the process's peak resident memory (getrusage maxrss, in KiB on Linux).
func peakMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}

// report computes drift for every feature (auto method) and binary quality.
func report(b *engine.Baseline, cur *engine.Summary) (result, error) {
	drift, err := engine.FeatureDrift(b, cur, "auto")
	if err != nil {
		return result{}, fmt.Errorf("drift: %w", err)
	}
	q, err := engine.BinaryQuality(cur.Confusion, cur.Scores)
	if err != nil {
		return result{}, fmt.Errorf("quality: %w", err)
	}
	res := result{Features: len(drift), Accuracy: q.Get(engine.MetricAccuracy).Value, AUC: q.Get(engine.MetricAUCROC).Value}
	for _, d := range drift {
		if d.Drifted {
			res.DriftedFeatures++
		}
	}
	return res, nil
}
