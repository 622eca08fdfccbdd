// Command load drives a bounded, mixed load of queries through the data
// source in process, as a busy Grafana would: every query type on every
// demo model over ranges from an hour to 30 days, from many concurrent
// users. It prints p50/p99 latency per query type, the error count and the
// process's peak memory.
//
//	go run ./tests/bench/load [-queries 6400] [-workers 32] [-max 5m] [-cpuprofile cpu.out]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/plugin"
	"github.com/aiperf/monitor/pkg/query"
)

func main() {
	queries := flag.Int("queries", 6400, "queries to send")
	workers := flag.Int("workers", 32, "concurrent users")
	maxTime := flag.Duration("max", 5*time.Minute, "stop sending after this long")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if err := profiled(*cpuProfile, func() error { return run(*queries, *workers, *maxTime) }); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// profiled runs do, under a CPU profile written to path unless path is empty.
func profiled(path string, do func() error) error {
	if path == "" {
		return do()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	return do()
}

// classifierOnly are the query types that need a classifier with sensitive
// attributes; the other demo models would answer them with a user error.
var classifierOnly = map[query.Type]bool{
	query.QueryTypeConfusionMatrix: true, query.QueryTypeReliability: true,
	query.QueryTypeFairness: true, query.QueryTypeFairnessTrend: true,
}

// sample is one answered query.
type sample struct {
	queryType string
	took      time.Duration
	failed    bool
}

func run(total, workers int, maxTime time.Duration) error {
	inst, err := plugin.NewDatasource(context.Background(), backend.DataSourceInstanceSettings{UID: "load", JSONData: []byte(`{"monthlyBudget":60000}`)})
	if err != nil {
		return err
	}
	ds := inst.(*plugin.Datasource)
	defer ds.Dispose()
	models := []string{"risk-assessment", "fraud-detection", "recommendation-ai", "customer-ai-assistant", "demand-forecast"}
	spans := []time.Duration{time.Hour, 6 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour}
	now := time.Now().UTC()

	jobs := make(chan backend.DataQuery)
	results := make(chan sample, total)
	peak := watchMemory()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for q := range jobs {
				started := time.Now()
				resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
				failed := err != nil || resp.Responses[q.RefID].Error != nil
				results <- sample{queryType: q.QueryType, took: time.Since(started), failed: failed}
			}
		})
	}
	started := time.Now()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range total {
		if time.Since(started) > maxTime {
			break
		}
		info := query.Types[i%len(query.Types)]
		body := map[string]any{"queryType": string(info.Value), "model": models[rng.IntN(len(models))]}
		if info.NeedsFeature {
			body["model"], body["feature"] = "risk-assessment", "income"
		}
		if classifierOnly[info.Value] {
			body["model"] = models[rng.IntN(2)] // risk-assessment or fraud-detection
		}
		if info.Value == query.QueryTypeMeasures {
			body["measure"] = engine.Measures[rng.IntN(len(engine.Measures))].Name
		}
		if !info.NeedsModel && rng.IntN(2) == 0 {
			delete(body, "model")
		}
		raw, _ := json.Marshal(body)
		span := spans[rng.IntN(len(spans))]
		jobs <- backend.DataQuery{
			RefID: "A", QueryType: string(info.Value), JSON: raw, Interval: span / 100, MaxDataPoints: 100,
			TimeRange: backend.TimeRange{From: now.Add(-span), To: now},
		}
	}
	close(jobs)
	wg.Wait()
	close(results)
	elapsed := time.Since(started)
	report(results, elapsed, workers, peak())
	return nil
}

func report(results <-chan sample, elapsed time.Duration, workers int, peakMB float64) {
	byType := map[string][]time.Duration{}
	failed := map[string]int{}
	n := 0
	for s := range results {
		byType[s.queryType] = append(byType[s.queryType], s.took)
		if s.failed {
			failed[s.queryType]++
		}
		n++
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Printf("%d queries from %d concurrent users in %s (%d CPUs)\n\n", n, workers, elapsed.Round(time.Millisecond), runtime.NumCPU())
	fmt.Printf("%-18s %7s %10s %10s %8s\n", "query type", "count", "p50 ms", "p99 ms", "errors")
	worst := time.Duration(0)
	for _, t := range types {
		d := byType[t]
		slices.Sort(d)
		p99 := percentile(d, 0.99)
		worst = max(worst, p99)
		fmt.Printf("%-18s %7d %10.1f %10.1f %8d\n", t, len(d), ms(percentile(d, 0.5)), ms(p99), failed[t])
	}
	fmt.Printf("\nworst p99 %.0f ms (target < 1000 ms); peak memory %.0f MB\n", ms(worst), peakMB)
}

func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// watchMemory samples the heap every 50 ms; the returned function stops
// sampling and gives the peak in MB.
func watchMemory() func() float64 {
	var mu sync.Mutex
	peak := uint64(0)
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(stop)
		mu.Lock()
		defer mu.Unlock()
		return float64(peak) / (1 << 20)
	}
}
