package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Risk Assessment scores the probability that a loan defaults (label 1).
//
// Its stories:
//   - concept drift: from conceptDriftLead before the anchor, borrowers with
//     the same profile default more often (ramping in over three days), so
//     the same scores meet more positive labels and accuracy falls; two
//     inputs (credit_utilization, loan_amount) drift mildly at the same time;
//   - gender bias: female applicants are flagged far more often than male
//     ones (demographic parity ratio < 0.8), partly through income (a proxy
//     for gender in the data) and partly because the model adds
//     genderBiasLogit to their risk, which also opens a true-positive-rate
//     gap; age_group carries no bias.
const (
	riskIntercept       = -9.1
	riskSharpness       = 7   // scales the feature effects: higher = more separable
	riskNoise           = 0.5 // unobserved risk the model cannot see
	riskModelNoise      = 0.3
	genderBiasLogit     = 2
	conceptShiftLogit   = 5
	conceptDriftRampIn  = 3 * oneDay
	utilizationDriftAdd = 0.06
	loanAmountDriftMul  = 0.18
)

var (
	riskGender     = newChoice(option{"female", 0.49}, option{"male", 0.5}, option{"", 0.01})
	riskEmployment = newChoice(option{"salaried", 0.62}, option{"self_employed", 0.18}, option{"contract", 0.14}, option{"unemployed", 0.06})
	riskRegion     = newChoice(option{"north", 0.27}, option{"south", 0.24}, option{"east", 0.23}, option{"west", 0.26})
	riskPurpose    = newChoice(option{"home", 0.25}, option{"auto", 0.25}, option{"education", 0.12}, option{"personal", 0.28}, option{"business", 0.1})
	// Risk added by employment type and loan purpose, in the order above.
	riskEmploymentEffect = []float64{0, 0.5, 0.8, 2.2}
	riskPurposeEffect    = []float64{-0.3, -0.1, 0.3, 0.2, 0.6}
)

// Log-normal draws of the rows, their locations computed once.
var (
	riskIncome = newLogNormal(64000, 0.45)
	riskLoan   = newLogNormal(18000, 0.6)
)

func riskAssessmentRow(rng *rand.Rand, ts, anchor time.Time, r *engine.Row) {
	drift := ramp(ts, anchor.Add(-conceptDriftLead), conceptDriftRampIn)

	gender, _ := riskGender.draw(rng)
	age := 21 + 52*(rng.Float64()+rng.Float64())/2
	income := riskIncome.draw(rng)
	if gender == "female" {
		income *= 0.8
	}
	dti := clamp(0.3+0.12*rng.NormFloat64(), 0.01, 0.95)
	utilization := clamp(0.35+0.2*rng.NormFloat64()+utilizationDriftAdd*drift, 0, 1)
	loan := riskLoan.draw(rng) * (1 + loanAmountDriftMul*drift)
	months := -math.Log(1-rng.Float64()) * 48
	employment, e := riskEmployment.draw(rng)
	region, _ := riskRegion.draw(rng)
	purpose, pu := riskPurpose.draw(rng)

	z := riskIntercept + riskSharpness*(6*(dti-0.3)+4*(utilization-0.35)-1.8*(math.Log(income)-11)-0.01*(months-48)+
		riskEmploymentEffect[e]+riskPurposeEffect[pu]) + riskNoise*rng.NormFloat64()
	modelZ := z + riskModelNoise*rng.NormFloat64()
	if gender == "female" {
		modelZ += genderBiasLogit
	}

	r.Num[0] = income
	r.Num[1] = dti
	r.Num[2] = utilization
	r.Num[3] = math.Round(age)
	r.Num[4] = math.Round(loan)
	r.Num[5] = missingIf(rng, 0.015, math.Round(months))
	r.Cat[0], r.Cat[1], r.Cat[2] = employment, region, purpose
	r.Sens[0], r.Sens[1] = gender, ageGroupOf(age)
	r.Score = sigmoid(modelZ)
	r.Label = outcome(rng, z+conceptShiftLogit*drift)
}
