// Command enginebench times the engine on a peer-benchmark dataset written
// by tests/bench/gen_data.py: data drift for every feature (auto method)
// plus binary quality, reference vs current — the work run_evidently.py
// asks of Evidently. Timing starts before the Parquet files are opened and
// ends after the report is computed, so reading and decoding (Arrow's
// pqarrow) are included, as they are for Evidently.
//
// Rows are streamed, never kept: a first pass over the reference feeds two
// baseline builders that merge (quantile sketches fix the bins), a second
// pass summarizes the reference and the current file with those bins.
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

type driftResult struct {
	Method  string  `json:"method"`
	Score   float64 `json:"score"`
	Drifted bool    `json:"drifted"`
	OK      bool    `json:"ok"`
	Reason  string  `json:"reason,omitempty"`
}

type result struct {
	Rows    int64                  `json:"rows"`
	Seconds float64                `json:"seconds"`
	CPU     float64                `json:"cpuSeconds"`
	PeakMB  float64                `json:"peakMB"`
	Drift   map[string]driftResult `json:"drift"`
	Quality map[string]float64     `json:"quality"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: enginebench DATA_DIR (holding schema.json, reference.parquet and current.parquet from gen_data.py)")
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

func run(dir string) (result, error) {
	start := time.Now()
	schema, err := readSchema(filepath.Join(dir, "schema.json"))
	if err != nil {
		return result{}, err
	}
	refPath, curPath := filepath.Join(dir, "reference.parquet"), filepath.Join(dir, "current.parquet")
	// two builders share the baseline pass and merge, as their sketches do
	var builders [2]*engine.BaselineBuilder
	for i := range builders {
		if builders[i], err = engine.NewBaselineBuilder(schema); err != nil {
			return result{}, err
		}
	}
	if _, err := streamRows(refPath, schema, builders[0].Add, builders[1].Add); err != nil {
		return result{}, fmt.Errorf("baseline pass: %w", err)
	}
	builders[0].Merge(builders[1])
	baseline, err := builders[0].Baseline()
	if err != nil {
		return result{}, err
	}

	type summarized struct {
		s    *engine.Summary
		rows int64
		err  error
	}
	summarize := func(path string, done chan<- summarized) {
		z := engine.NewSummarizer(baseline)
		n, err := streamRows(path, schema, z.Add)
		done <- summarized{z.Summary(), n, err}
	}
	refDone, curDone := make(chan summarized, 1), make(chan summarized, 1)
	go summarize(refPath, refDone)
	go summarize(curPath, curDone)
	ref, cur := <-refDone, <-curDone
	if ref.err != nil {
		return result{}, ref.err
	}
	if cur.err != nil {
		return result{}, cur.err
	}
	baseline.Summary = ref.s
	res, err := report(baseline, cur.s)
	if err != nil {
		return result{}, err
	}
	res.Rows = ref.rows + cur.rows
	res.Seconds = time.Since(start).Seconds()
	res.CPU, res.PeakMB = usage()
	return res, nil
}

func readSchema(path string) (engine.Schema, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return engine.Schema{}, fmt.Errorf("read %s (regenerate the data with gen_data.py): %w", path, err)
	}
	var names struct{ Numeric, Categorical []string }
	if err := json.Unmarshal(raw, &names); err != nil {
		return engine.Schema{}, fmt.Errorf("decode %s: %w", path, err)
	}
	return engine.Schema{Task: engine.TaskBinary, Classes: []string{"0", "1"}, Threshold: 0.5,
		Numeric: names.Numeric, Categorical: names.Categorical}, nil
}

// usage is the process's CPU seconds (user + system) and peak resident
// memory (getrusage; maxrss is in KiB on Linux).
func usage() (cpuSeconds, peakMB float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return cpu.Seconds(), float64(ru.Maxrss) / 1024
}

// report computes drift for every feature (auto method) and binary quality.
func report(b *engine.Baseline, cur *engine.Summary) (result, error) {
	drift, err := engine.FeatureDrift(b, cur, engine.DriftAuto)
	if err != nil {
		return result{}, fmt.Errorf("drift: %w", err)
	}
	q, err := engine.BinaryQuality(cur.Confusion, cur.Scores)
	if err != nil {
		return result{}, fmt.Errorf("quality: %w", err)
	}
	res := result{Drift: map[string]driftResult{}, Quality: map[string]float64{}}
	for _, d := range drift {
		score := d.Score
		if d.PValue.OK {
			score = d.PValue.Value
		}
		res.Drift[d.Feature] = driftResult{Method: d.Method, Score: score, Drifted: d.Drifted, OK: d.OK, Reason: d.Reason}
	}
	for _, m := range q.Metrics {
		if m.OK {
			res.Quality[m.Name] = m.Value
		}
		if m.ErrorBound.OK {
			res.Quality[m.Name+"ErrorBound"] = m.ErrorBound.Value
		}
	}
	return res, nil
}
