package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Fraud Detection flags card transactions (label 1 = fraud, about 2%). It is
// the healthy reference model: stable inputs, calibrated scores, no bias,
// and a high recall so that the fairness rates of its rare positives stay
// steady from week to week.
const (
	fraudIntercept  = -16.7
	fraudModelNoise = 0.2
	// Fraud is nearly decided by the inputs: the label is 1 when z plus a
	// little noise is positive, and fraudScoreSlope turns z into a calibrated
	// probability (Φ(z/σ) ≈ sigmoid(1.7·z/σ)).
	fraudLabelNoise = 0.5
	fraudScoreSlope = 1.7 / fraudLabelNoise
)

var (
	fraudAgeGroup = newChoice(option{"18-39", 0.48}, option{"40+", 0.52})
	fraudChannel  = newChoice(option{"online", 0.55}, option{"pos", 0.38}, option{"atm", 0.07})
	fraudMerchant = newChoice(option{"grocery", 0.3}, option{"fuel", 0.12}, option{"travel", 0.08}, option{"electronics", 0.12}, option{"gaming", 0.06}, option{"other", 0.32})
	// Fraud risk added by channel and merchant category, in the order above.
	fraudChannelEffect  = []float64{0.9, -0.6, 0.4}
	fraudMerchantEffect = []float64{-0.6, -0.3, 0.6, 0.9, 1.2, 0}
)

// Log-normal draws of the rows, their locations computed once.
var (
	fraudAmount   = newLogNormal(75, 1.0)
	fraudDistance = newLogNormal(12, 1.2)
)

func fraudDetectionRow(rng *rand.Rand, _, _ time.Time, r *engine.Row) {
	ageGroup, _ := fraudAgeGroup.draw(rng)
	amount := fraudAmount.draw(rng)
	merchantRisk := clamp(0.15+0.1*rng.NormFloat64(), 0, 1)
	distance := fraudDistance.draw(rng)
	lastHour := math.Floor(-math.Log(1-rng.Float64()) * 1.5)
	accountAge := math.Floor(30 + 3000*rng.Float64())
	channel, c := fraudChannel.draw(rng)
	merchant, m := fraudMerchant.draw(rng)
	cardPresent := "no"
	if channel != "online" {
		cardPresent = "yes"
	}

	z := fraudIntercept + 3*(1.1*(math.Log(amount)-3.8)+9*(merchantRisk-0.15)+0.6*(math.Log(distance)-2)+
		0.7*lastHour-0.0006*(accountAge-1500)+fraudChannelEffect[c]+fraudMerchantEffect[m]) + 0.2*rng.NormFloat64()
	modelZ := fraudScoreSlope * (z + fraudModelNoise*rng.NormFloat64())

	r.Num[0] = math.Round(amount*100) / 100
	r.Num[1] = merchantRisk
	r.Num[2] = missingIf(rng, 0.005, math.Round(distance*10)/10)
	r.Num[3] = lastHour
	r.Num[4] = accountAge
	r.Cat[0], r.Cat[1], r.Cat[2] = channel, merchant, cardPresent
	r.Sens[0] = ageGroup
	r.Score = sigmoid(modelZ)
	r.Label = 0
	if z+fraudLabelNoise*rng.NormFloat64() > 0 {
		r.Label = 1
	}
}
