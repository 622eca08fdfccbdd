package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Recommendation AI ranks items; each impression is treated as a binary
// click prediction (label 1 = clicked). Its predictions stay healthy: its
// story is the serving latency regression in serving.go.
const (
	recommendationIntercept  = -3.1
	recommendationModelNoise = 0.4
)

var (
	recommendationDevice    = newChoice(option{"mobile", 0.62}, option{"desktop", 0.3}, option{"tablet", 0.08})
	recommendationCategory  = newChoice(option{"fashion", 0.28}, option{"electronics", 0.18}, option{"home", 0.2}, option{"books", 0.14}, option{"sports", 0.2})
	recommendationPlacement = newChoice(option{"home_feed", 0.45}, option{"product_page", 0.35}, option{"cart", 0.2})
	// Click propensity added by placement, in the order above.
	recommendationPlacementEffect = []float64{0, 0.5, 0.9}
)

// Log-normal draws of the rows, their locations computed once.
var (
	recommendationSession = newLogNormal(240, 0.8)
	recommendationViewed  = newLogNormal(8, 0.7)
	recommendationPrice   = newLogNormal(45, 0.9)
)

func recommendationRow(rng *rand.Rand, _, _ time.Time, r *engine.Row) {
	tenure := math.Floor(-math.Log(1-rng.Float64()) * 400)
	session := recommendationSession.draw(rng)
	viewed := math.Floor(recommendationViewed.draw(rng))
	price := recommendationPrice.draw(rng)
	popularity := rng.Float64()
	device, _ := recommendationDevice.draw(rng)
	category, _ := recommendationCategory.draw(rng)
	placement, pl := recommendationPlacement.draw(rng)

	z := recommendationIntercept + 3.2*(popularity-0.5) + 0.9*(math.Log(session)-5.3) + 0.5*(math.Log(1+viewed)-2.1) -
		0.6*(math.Log(price)-3.4) + 0.0008*(tenure-400) + recommendationPlacementEffect[pl] + 1.3*rng.NormFloat64()
	modelZ := z + recommendationModelNoise*rng.NormFloat64()

	r.Num[0] = tenure
	r.Num[1] = math.Round(session)
	r.Num[2] = viewed
	r.Num[3] = math.Round(price*100) / 100
	r.Num[4] = missingIf(rng, 0.002, popularity)
	r.Cat[0], r.Cat[1], r.Cat[2] = device, category, placement
	r.Score = sigmoid(modelZ)
	r.Label = outcome(rng, z)
}
