package engine

// Cost math (DESIGN.md "Cost"): unit costs, budget variance, ROI and savings
// estimates. Inputs are totals over the same window; undefined results (a
// zero denominator) are reported as undefined, never as zero.

// DaysPerMonth converts daily rates to monthly ones: the mean Gregorian month
// (365.2425/12 days), so a monthly figure does not depend on the month shown.
const DaysPerMonth = 365.2425 / 12

// CostPerPrediction is spend / predictions.
func CostPerPrediction(spend, predictions float64) Metric {
	return metricRatio(spend, predictions)
}

// CostPer1kTokens is spend / tokens × 1000.
func CostPer1kTokens(spend, tokens float64) Metric {
	return metricRatio(spend*1000, tokens)
}

// BudgetVariance is (spend − budget) / budget: positive when over budget.
func BudgetVariance(spend, budget float64) Metric {
	if budget <= 0 {
		return Metric{}
	}
	return definedMetric((spend - budget) / budget)
}

// ROI is (business value − cost) / cost, as a ratio (1 = 100%).
func ROI(businessValue, cost float64) Metric {
	if cost <= 0 {
		return Metric{}
	}
	return definedMetric((businessValue - cost) / cost)
}

// MonthlyRate scales an amount accrued over days to one month (DaysPerMonth).
func MonthlyRate(amount, days float64) Metric {
	if days <= 0 {
		return Metric{}
	}
	return definedMetric(amount / days * DaysPerMonth)
}

// MonthEndForecast projects the month's spend at the month-to-date run rate:
// monthToDate / daysElapsed × daysInMonth; undefined before the first day closes.
func MonthEndForecast(monthToDate, daysElapsed, daysInMonth float64) Metric {
	if daysElapsed <= 0 {
		return Metric{}
	}
	return definedMetric(monthToDate / daysElapsed * max(daysInMonth, daysElapsed))
}

// SpendForecast is a month-end spend projection with a 95% interval.
type SpendForecast struct {
	Point, Lower, Upper Metric
}

// Holt smoothing for daily spend: the level follows a week's changes, the
// trend moves slowly so one expensive day does not bend the month.
const (
	spendAlpha = 0.3
	spendBeta  = 0.1
	// minSpendHistory is the fewest billed days Holt's trend is fitted on.
	minSpendHistory = 7
)

// MonthEndSpendForecast is month-to-date spend plus Holt's linear-trend
// forecast of the remaining days, fitted on recent daily spend (oldest first).
// The interval adds the daily 95% bounds: errors of consecutive days are at
// most perfectly correlated, so the sum's interval is no wider than that, a
// conservative band. With less history than a week it is the run rate
// (MonthEndForecast) without an interval.
func MonthEndSpendForecast(monthToDate float64, daily []float64, daysElapsed, daysInMonth float64) SpendForecast {
	remaining := int(daysInMonth - daysElapsed)
	if remaining <= 0 {
		return SpendForecast{definedMetric(monthToDate), definedMetric(monthToDate), definedMetric(monthToDate)}
	}
	f, ok := HoltForecast(daily, remaining, spendAlpha, spendBeta)
	if !ok || len(daily) < minSpendHistory {
		return SpendForecast{Point: MonthEndForecast(monthToDate, daysElapsed, daysInMonth)}
	}
	point, lower, upper := monthToDate, monthToDate, monthToDate
	for h := range remaining {
		// Spend is never negative: a falling trend stops at zero.
		point += max(f.Point[h], 0)
		lower += max(f.Lower[h], 0)
		upper += max(f.Upper[h], 0)
	}
	return SpendForecast{definedMetric(point), definedMetric(lower), definedMetric(upper)}
}

// IdleGPUSavings estimates what releasing idle GPU capacity saves. GPUs are
// billed per allocated hour, busy or idle, and capacity can follow the daily
// load (scale to zero off-peak, share GPUs), so it is right-sizing applied to
// the mean GPU utilisation: spend falls by the factor mean/target.
func IdleGPUSavings(gpuSpend, meanGPUUtilisation, target float64) float64 {
	return OverProvisioningSavings(gpuSpend, meanGPUUtilisation, target)
}

// OverProvisioningSavings estimates what right-sizing saves: capacity is
// scaled down until the peak utilisation reaches the target, so spend falls
// by the factor peak/target. Nothing is saved when the peak is at or above
// the target, or when the peak is unknown (0 or less).
func OverProvisioningSavings(spend, peakUtilisation, target float64) float64 {
	if spend <= 0 || target <= 0 || peakUtilisation <= 0 || peakUtilisation >= target {
		return 0
	}
	return spend * (1 - peakUtilisation/target)
}

// ProRated is the part of a monthly amount that accrues over days (DaysPerMonth).
func ProRated(monthly, days float64) float64 {
	return monthly * days / DaysPerMonth
}
