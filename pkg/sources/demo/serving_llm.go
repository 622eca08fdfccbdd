package demo

import (
	"math"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// The LLM's token telemetry, simulated per minute like the rest: prompt and
// generated tokens per request, time to first token (prefill, slower under
// load and in incidents), time per output token (decode) and the KV cache's
// occupancy, which follows the number of concurrent conversations.
const (
	assistantTTFTMs       = 180 // median time to first token at mean load
	assistantTTFTSigma    = 0.35
	assistantTPOTMs       = 28 // median time per output token
	assistantTPOTSigma    = 0.2
	assistantKVCacheAtMin = 0.22 // occupancy at zero load …
	assistantKVCachePerLd = 0.38 // … plus this per unit of relative load
)

// addTokens adds one minute of token telemetry.
func (p *profile) addTokens(l *engine.LLMServing, t time.Time, m minuteSample) {
	key := t.Unix() / 60
	load := load(t)
	l.TokenMinutes++
	noise := 1 + 0.05*gaussian(p.seed, key, chTokens)
	l.TokensIn += math.Round(m.requests * assistantPromptTokens * noise)
	l.TokensOut += math.Round(m.requests * assistantCompletionTokens * noise)
	slowdown := m.median / p.p50Ms // incidents and load slow prefill as they slow requests
	ttft := assistantTTFTMs * slowdown * math.Exp(0.05*gaussian(p.seed, key, chTimeToFirstToken))
	addLatency(&l.TimeToFirstToken, m.requests, ttft, assistantTTFTSigma)
	addLatency(&l.TimePerOutputToken, m.requests, assistantTPOTMs*(1+0.15*(load-1)), assistantTPOTSigma)
	l.KVCache.Add(clamp(assistantKVCacheAtMin+assistantKVCachePerLd*load+0.02*gaussian(p.seed, key, chKVCache), 0, 1), 1)
}
