package demo

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// Randomness is a pure function of (model, time key, channel), so any time
// range regenerates exactly the values a larger range would contain.

// Channels keep the independent noise streams of one minute or day apart.
const (
	chRequests uint64 = iota + 1
	chErrors
	chErrorRounding
	chLatency
	chGPU
	chCPU
	chMemory
	chIncident
	chIncidentSeverity
	chIncidentStart
	chIncidentDuration
	chCost
	chAuditGap
	chAuthFailures
	chRejected
	chTokens
	chTimeToFirstToken
	chKVCache
)

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// splitmix64 is a fast bijective mixer with good avalanche behaviour.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// uniform returns a value in [0, 1) determined by seed, key and channel.
func uniform(seed uint64, key int64, channel uint64) float64 {
	x := splitmix64(seed ^ splitmix64(uint64(key)*0x100000001b3+channel))
	return float64(x>>11) / (1 << 53)
}

// gaussian returns a standard normal value determined by seed, key and channel.
func gaussian(seed uint64, key int64, channel uint64) float64 {
	u1 := uniform(seed, key, channel)
	u2 := uniform(seed, key, channel+0x5bd1e995)
	return math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
}

// bucketRand returns the generator of one model's rows in one hour bucket.
func bucketRand(seed uint64, bucketUnix int64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, splitmix64(uint64(bucketUnix))))
}
