package runtimes

import (
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// A recorded /metrics exposition per runtime, written from its documented
// names and labels (testdata/*.prom), goes through Prometheus's own text
// parser; the catalog's mapping is then evaluated on that one scrape as its
// PromQL evaluates on a window whose counters started at zero: counters
// sum, histograms merge by le, gauges average (ratios) or add, and every
// value is scaled into the series' unit. The expected values are worked out
// by hand from the files, so a wrong name, label, unit or scale fails.

// sample is one flattened sample, as PromQL sees it.
type sample struct {
	labels map[string]string
	value  float64
}

// scrape parses an exposition into samples by name: histograms and
// summaries become their _bucket, _sum and _count series.
func scrape(t *testing.T, file string) map[string][]sample {
	t.Helper()
	f, err := os.Open("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := map[string][]sample{}
	add := func(name string, labels map[string]string, v float64) {
		out[name] = append(out[name], sample{labels, v})
	}
	for name, fam := range families {
		for _, m := range fam.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			switch fam.GetType() {
			case dto.MetricType_HISTOGRAM:
				h := m.GetHistogram()
				for _, b := range h.GetBucket() {
					add(name+"_bucket", with(labels, "le", strconv.FormatFloat(b.GetUpperBound(), 'g', -1, 64)), float64(b.GetCumulativeCount()))
				}
				if n := len(h.GetBucket()); n == 0 || !math.IsInf(h.GetBucket()[n-1].GetUpperBound(), 1) {
					add(name+"_bucket", with(labels, "le", "+Inf"), float64(h.GetSampleCount()))
				}
				add(name+"_sum", labels, h.GetSampleSum())
				add(name+"_count", labels, float64(h.GetSampleCount()))
			case dto.MetricType_SUMMARY:
				add(name+"_sum", labels, m.GetSummary().GetSampleSum())
				add(name+"_count", labels, float64(m.GetSummary().GetSampleCount()))
			case dto.MetricType_COUNTER:
				add(name, labels, m.GetCounter().GetValue())
			case dto.MetricType_GAUGE:
				add(name, labels, m.GetGauge().GetValue())
			default:
				add(name, labels, m.GetUntyped().GetValue())
			}
		}
	}
	return out
}

func with(labels map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for a, b := range labels {
		out[a] = b
	}
	return out
}

var matcherRE = regexp.MustCompile(`^(\w+)(=~|!=|=)"(.*)"$`)

// matches applies the model filter and a term's matchers to a sample.
func matches(s sample, filter map[string]string, match string) bool {
	for k, v := range filter {
		if s.labels[k] != v {
			return false
		}
	}
	if match == "" {
		return true
	}
	m := matcherRE.FindStringSubmatch(match)
	got := s.labels[m[1]]
	switch m[2] {
	case "=":
		return got == m[3]
	case "!=":
		return got != m[3]
	}
	return regexp.MustCompile("^(?:" + m[3] + ")$").MatchString(got)
}

// eval computes a mapping's value on one scrape; ok is false when the
// first term is absent, as the connector leaves such a series unmeasured.
type evaluation struct {
	value   float64             // counters, means, gauges, ratios
	buckets map[float64]float64 // histograms: scaled bound → cumulative count
}

func evaluate(samples map[string][]sample, m Mapping, filter map[string]string, averaged bool) (evaluation, bool) {
	scale := m.Scale
	if scale == 0 {
		scale = 1
	}
	pick := func(t Term, suffix string) (string, bool) {
		for _, n := range t.Names {
			if len(samples[n+suffix]) > 0 {
				return n + suffix, true
			}
		}
		return "", false
	}
	if m.Unscoped {
		filter = nil
	}
	total := func(terms []Term, avg bool) (float64, bool) {
		var sum float64
		for i, t := range terms {
			name, ok := pick(t, "")
			if !ok {
				if i == 0 {
					return 0, false
				}
				continue
			}
			var s, n float64
			for _, smp := range samples[name] {
				if matches(smp, filter, t.Match) {
					s += smp.value
					n++
				}
			}
			if avg && n > 0 {
				s /= n
			}
			sum += s
		}
		return sum, true
	}
	switch m.Kind {
	case Counter:
		v, ok := total(m.Of, false)
		return evaluation{value: v * scale}, ok
	case Mean:
		s, ok1 := total(m.Of, false)
		n, ok2 := total(m.Per, false)
		return evaluation{value: s / n * scale}, ok1 && ok2
	case Gauge:
		v, ok := total(m.Of, averaged)
		return evaluation{value: v * scale}, ok
	case Ratio:
		num, ok1 := total(m.Of, false)
		den, ok2 := total(m.Per, false)
		return evaluation{value: num / den * scale}, ok1 && ok2
	case Histogram:
		name, ok := pick(m.Of[0], "_bucket")
		if !ok {
			return evaluation{}, false
		}
		b := map[float64]float64{}
		for _, smp := range samples[name] {
			if matches(smp, filter, m.Of[0].Match) {
				le, _ := strconv.ParseFloat(smp.labels["le"], 64)
				b[le*scale] += smp.value
			}
		}
		return evaluation{buckets: b}, true
	}
	return evaluation{}, false
}

// want is one expected normalized value; buckets are scaled bound → count.
type want struct {
	value   float64
	buckets map[float64]float64
}

var inf = math.Inf(1)

func TestEveryRuntimeNormalizesItsRecordedExposition(t *testing.T) {
	cases := []struct {
		file, runtime string
		filter        map[string]string // the model's labels
		want          map[Series]want
	}{
		{"triton.prom", "triton", map[string]string{"model": "resnet50", "version": "1"}, map[Series]want{
			Requests:       {value: 100},  // 90 success + 4 + 6 failures, not bert's
			Errors:         {value: 10},   // nv_inference_request_failure, every reason
			Latency:        {value: 12.5}, // 1,250,000 µs / 100 requests, in ms
			QueueTime:      {value: 1.5},  // 150,000 µs / 100
			InFlight:       {value: 3},    //
			BatchSize:      {value: 4},    // 360 inferences / 90 executions
			GPUUtilization: {value: 0.5},  // already 0–1: mean of 0.62 and 0.38
			GPUMemory:      {value: 0.5},  // 16 GB used of 32 GB
			GPUPower:       {value: 306},  // W, summed over the GPUs
			CPUUtilization: {value: 0.25}, //
			Memory:         {value: 0.25}, // 16 GB of 64 GB
		}},
		{"mlserver.prom", "mlserver", map[string]string{"model": "iris", "version": "None"}, map[Series]want{
			Requests: {value: 300},  // success_total + failure_total, labels model/version
			Errors:   {value: 30},   //
			Latency:  {value: 0.24}, // Summary: 0.072 s / 300, a mean in ms
			InFlight: {value: 2},    // the server's, no model label
		}},
		{"kserve.prom", "kserve", map[string]string{"model_name": "sklearn-iris"}, map[Series]want{
			Requests: {value: 100},
			Latency:  {buckets: map[float64]float64{5: 40, 10: 90, 25: 100, inf: 100}}, // s → ms
		}},
		{"torchserve.prom", "torchserve", map[string]string{"model_name": "densenet161", "model_version": "1.0"}, map[Series]want{
			Requests:       {value: 200},
			Errors:         {value: 4},    // Requests5XX, per host
			Latency:        {value: 40},   // 8,000,000 µs / 200 requests
			QueueTime:      {value: 2},    // 400,000 µs / 200
			CPUUtilization: {value: 0.45}, // percent → ratio
			Memory:         {value: 0.60},
			GPUUtilization: {value: 0.80},
			GPUMemory:      {value: 0.25},
		}},
		{"bentoml.prom", "bentoml", map[string]string{"service_name": "iris_classifier"}, map[Series]want{
			Requests: {value: 102},
			Errors:   {value: 5}, // 5xx only: the 422 is the client's
			Latency:  {buckets: map[float64]float64{10: 50, 50: 100, inf: 100}},
			InFlight: {value: 1},
		}},
		{"rayserve.prom", "rayserve", map[string]string{"deployment": "Summarizer"}, map[Series]want{
			Requests: {value: 120},
			Errors:   {value: 6},
			Latency:  {buckets: map[float64]float64{100: 60, 500: 114, inf: 120}}, // already ms
			InFlight: {value: 2},
		}},
		{"vllm.prom", "vllm", map[string]string{"model_name": "meta-llama/Llama-3.1-8B-Instruct"}, map[Series]want{
			Requests:           {value: 50}, // every finished_reason
			Latency:            {buckets: map[float64]float64{1000: 10, 5000: 48, inf: 50}},
			InFlight:           {value: 8}, // running + waiting
			TokensIn:           {value: 51200},
			TokensOut:          {value: 12800},
			TimeToFirstToken:   {buckets: map[float64]float64{100: 20, 250: 45, inf: 50}},
			TimePerOutputToken: {buckets: map[float64]float64{25: 6400, 50: 12800, inf: 12800}}, // inter_token_latency
			KVCache:            {value: 0.42},                                                   // kv_cache_usage_perc is 0–1
		}},
		{"vllm_old.prom", "vllm", map[string]string{"model_name": "mistral-7b"}, map[Series]want{
			InFlight:           {value: 3}, // waiting absent: counts as 0
			TokensIn:           {value: 1000},
			TokensOut:          {value: 300},
			TimePerOutputToken: {buckets: map[float64]float64{20: 100, 40: 300, inf: 300}}, // the old name
			KVCache:            {value: 0.75},                                              // gpu_cache_usage_perc, the old name
		}},
		{"tgi.prom", "tgi", nil, map[Series]want{ // no model label at all
			Requests:           {value: 80},
			Errors:             {value: 4}, // every err
			Latency:            {buckets: map[float64]float64{500: 20, 2000: 70, inf: 76}},
			InFlight:           {value: 12}, // queue + current batch
			TokensIn:           {value: 38000},
			TokensOut:          {value: 9500},
			TimePerOutputToken: {buckets: map[float64]float64{20: 30, 50: 76, inf: 76}},
		}},
		{"otel_genai.prom", "otel-genai", map[string]string{"gen_ai_request_model": "gpt-4o-mini"}, map[Series]want{
			Requests:  {value: 63},
			Errors:    {value: 3}, // error_type set
			Latency:   {buckets: map[float64]float64{1000: 30, 4000: 58, inf: 63}},
			TokensIn:  {value: 24000},
			TokensOut: {value: 6000},
		}},
		{"dcgm.prom", "dcgm", map[string]string{"namespace": "llm"}, map[Series]want{
			GPUUtilization: {value: 0.87},  // percent → ratio
			GPUMemory:      {value: 0.75},  // 30,000 MiB used of 30,000 + 10,000
			GPUPower:       {value: 312.5}, // W
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			rt, ok := ByName(c.runtime)
			if !ok {
				t.Fatalf("no runtime %s", c.runtime)
			}
			samples := scrape(t, c.file)
			names := make([]string, 0, len(samples))
			for n := range samples {
				names = append(names, n)
			}
			if !rt.Accelerator {
				if got, ok := Detect(names); !ok || got != rt {
					t.Errorf("detected %v from %v, want %s", got, names, rt.Name)
				}
			}
			filter := c.filter
			if rt.Accelerator || rt.ModelLabel == "" {
				// Unscoped series are narrowed by the model's selector: apply it here too.
				samplesFiltered := map[string][]sample{}
				for n, ss := range samples {
					for _, s := range ss {
						if matches(s, filter, "") {
							samplesFiltered[n] = append(samplesFiltered[n], s)
						}
					}
				}
				samples, filter = samplesFiltered, nil
			}
			for _, s := range AllSeries {
				w, expected := c.want[s]
				m, mapped := rt.Series[s]
				if !mapped {
					if expected {
						t.Errorf("%s: not in the catalog", s)
					}
					continue
				}
				got, ok := evaluate(samples, m, filter, averagedSeries(s))
				switch {
				case !expected && ok:
					t.Errorf("%s: the exposition has it (%v) but the test expects nothing: add the expected value", s, got)
				case expected && !ok:
					t.Errorf("%s: the catalog's names %v are not in the exposition", s, m.Of)
				case expected && w.buckets != nil:
					if len(got.buckets) != len(w.buckets) {
						t.Errorf("%s: buckets %v, want %v", s, got.buckets, w.buckets)
					}
					for b, n := range w.buckets {
						if math.Abs(got.buckets[b]-n) > 1e-9 {
							t.Errorf("%s: bucket le=%g has %v, want %v (all: %v)", s, b, got.buckets[b], n, got.buckets)
						}
					}
				case expected && math.Abs(got.value-w.value) > 1e-9*math.Max(1, w.value):
					t.Errorf("%s: got %v, want %v", s, got.value, w.value)
				}
			}
		})
	}
}

// averagedSeries mirrors the connector: ratios of devices average, counts add.
func averagedSeries(s Series) bool {
	return slices.Contains([]Series{KVCache, GPUUtilization, GPUMemory, CPUUtilization, Memory}, s)
}

func TestEveryRuntimeHasATestedExposition(t *testing.T) {
	tested := map[string]bool{"triton": true, "mlserver": true, "kserve": true, "torchserve": true, "bentoml": true,
		"rayserve": true, "vllm": true, "tgi": true, "otel-genai": true, "dcgm": true}
	for _, r := range Catalog {
		if !tested[r.Name] {
			t.Errorf("runtime %s has no recorded exposition in TestEveryRuntimeNormalizesItsRecordedExposition", r.Name)
		}
	}
}
