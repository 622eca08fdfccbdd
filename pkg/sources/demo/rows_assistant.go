package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Customer AI Assistant is an LLM chat assistant. The label is the
// customer's feedback (1 = resolved / thumbs up); the score is the
// assistant's own resolution estimate. Token counts feed the token spend.
const (
	assistantPromptTokens     = 920 // mean per request
	assistantCompletionTokens = 270
	assistantIntercept        = 1.5
	assistantModelNoise       = 0.5
)

var (
	assistantLanguage = newChoice(option{"en", 0.6}, option{"es", 0.18}, option{"de", 0.12}, option{"fr", 0.1})
	assistantIntent   = newChoice(option{"billing", 0.3}, option{"order_status", 0.28}, option{"returns", 0.17}, option{"technical", 0.15}, option{"other", 0.1})
	assistantChannel  = newChoice(option{"web_chat", 0.55}, option{"mobile_app", 0.35}, option{"email", 0.1})
	// Resolution propensity added by intent, in the order above.
	assistantIntentEffect = []float64{0.3, 1.0, 0.2, -1.1, -0.4}
)

// Log-normal draws of the rows, their locations computed once.
var (
	assistantPrompt     = newLogNormal(assistantPromptTokens, 0.4)
	assistantCompletion = newLogNormal(assistantCompletionTokens, 0.5)
)

func assistantRow(rng *rand.Rand, _, _ time.Time, r *engine.Row) {
	language, _ := assistantLanguage.draw(rng)
	prompt := math.Round(assistantPrompt.draw(rng))
	completion := math.Round(assistantCompletion.draw(rng))
	turns := 1 + math.Floor(-math.Log(1-rng.Float64())*2.5)
	documents := math.Floor(6 * rng.Float64())
	intent, in := assistantIntent.draw(rng)
	channel, _ := assistantChannel.draw(rng)

	z := assistantIntercept + assistantIntentEffect[in] - 0.35*(turns-3.5) + 0.25*(documents-2.5) + 1.4*rng.NormFloat64()
	modelZ := z + assistantModelNoise*rng.NormFloat64()

	r.Num[0], r.Num[1], r.Num[2], r.Num[3] = prompt, completion, turns, documents
	r.Cat[0], r.Cat[1] = intent, channel
	r.Sens[0] = language
	r.Score = sigmoid(modelZ)
	r.Label = outcome(rng, z)
}
