package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// Demand Forecast predicts a product's units sold in a store the next day
// (Score = forecast, Label = actual units). It is healthy: MAPE near 10%.
var (
	forecastRegion   = newChoice(option{"north", 0.27}, option{"south", 0.24}, option{"east", 0.23}, option{"west", 0.26})
	forecastCategory = newChoice(option{"fresh", 0.3}, option{"dairy", 0.2}, option{"bakery", 0.15}, option{"beverages", 0.2}, option{"household", 0.15})
)

// Log-normal draws of the rows, their locations computed once.
var (
	forecastPrice    = newLogNormal(6, 0.5)
	forecastLastWeek = newLogNormal(420, 0.6)
)

func demandForecastRow(rng *rand.Rand, ts, _ time.Time, r *engine.Row) {
	price := forecastPrice.draw(rng)
	promo := 0.0
	if u := rng.Float64(); u < 0.3 {
		promo = math.Round((0.1+u)*100) / 100
	}
	temperature := 14 + 8*rng.NormFloat64()
	lastWeek := math.Round(forecastLastWeek.draw(rng))
	size := math.Round(800 + 2400*rng.Float64())
	region, _ := forecastRegion.draw(rng)
	category, _ := forecastCategory.draw(rng)
	dayType := "weekday"
	if wd := ts.UTC().Weekday(); wd == time.Saturday || wd == time.Sunday {
		dayType = "weekend"
	}

	expected := lastWeek / 7 * (1 + 1.8*promo) * math.Pow(6/price, 0.3)
	if category == "beverages" {
		expected *= 1 + 0.02*(temperature-14)
	}
	if dayType == "weekend" {
		expected *= 1.2
	}

	r.Num[0] = math.Round(price*100) / 100
	r.Num[1] = promo
	r.Num[2] = missingIf(rng, 0.01, math.Round(temperature*10)/10)
	r.Num[3] = lastWeek
	r.Num[4] = size
	r.Cat[0], r.Cat[1], r.Cat[2] = region, category, dayType
	r.Score = math.Round(expected*math.Exp(0.06*rng.NormFloat64())*10) / 10
	r.Label = math.Round(expected * math.Exp(0.1*rng.NormFloat64()))
}
