// Package frames builds the data frames the data source returns: units,
// display names, thresholds and frame meta, so every panel, Explore and the
// query inspector read them the same way. It holds no metric math.
package frames

import (
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Grafana unit ids used by the frames.
const (
	UnitMs           = "ms"
	UnitReqPerSec    = "reqps"
	UnitPercentUnit  = "percentunit"
	UnitPercent      = "percent"
	UnitNone         = "none"
	UnitUSD          = "currencyUSD"
	UnitMinutes      = "m"
	UnitTokensPerSec = "short"
)

// currencyUnits are the ISO 4217 codes Grafana has a currency unit for.
var currencyUnits = map[string]bool{
	"USD": true, "EUR": true, "GBP": true, "JPY": true, "CHF": true, "CNY": true, "INR": true, "BRL": true,
	"DKK": true, "NOK": true, "SEK": true, "ISK": true, "CZK": true, "PLN": true, "RUB": true, "UAH": true,
	"ZAR": true, "KRW": true, "IDR": true, "PHP": true, "VND": true, "TRY": true, "MYR": true,
}

// UnitCurrency is the Grafana unit of amounts in an ISO 4217 currency:
// Grafana's own where it has one, else the code after the number.
func UnitCurrency(code string) string {
	if currencyUnits[code] {
		return "currency" + code
	}
	return "suffix: " + code
}

// New returns a frame with its name and the executed-query description the
// query inspector shows.
func New(name, executed string, fields ...*data.Field) *data.Frame {
	f := data.NewFrame(name, fields...)
	f.Meta = &data.FrameMeta{ExecutedQueryString: executed}
	return f
}

// NewTimeSeries returns a wide time series frame (data plane contract: a
// time field, then number fields each unique by its labels), which panels,
// Explore and Grafana Alerting all read.
func NewTimeSeries(name, executed string, fields ...*data.Field) *data.Frame {
	f := New(name, executed, fields...)
	f.Meta.Type = data.FrameTypeTimeSeriesWide
	f.Meta.TypeVersion = data.FrameTypeVersion{0, 1}
	return f
}

// TimeField is the first field of every time series frame.
func TimeField(times []time.Time) *data.Field {
	return data.NewField("time", nil, times)
}

// ValueField is a number field with a display name and unit.
func ValueField(name, display, unit string, values any) *data.Field {
	f := data.NewField(name, nil, values)
	f.Config = &data.FieldConfig{DisplayName: display, Unit: unit}
	return f
}

// WithLabels sets a field's labels (model, feature…) for alerting and legends.
func WithLabels(f *data.Field, labels data.Labels) *data.Field {
	f.Labels = labels
	return f
}

// WithThreshold marks a limit: values past it turn red. higherIsBad tells
// which side of the limit is the bad one.
func WithThreshold(f *data.Field, limit float64, higherIsBad bool) *data.Field {
	good, bad := "green", "red"
	if !higherIsBad {
		good, bad = bad, good
	}
	f.Config.Thresholds = &data.ThresholdsConfig{
		Mode: data.ThresholdsModeAbsolute,
		Steps: []data.Threshold{
			{Value: data.ConfFloat64(math.Inf(-1)), Color: good},
			{Value: data.ConfFloat64(limit), Color: bad},
		},
	}
	f.Config.Custom = map[string]any{"thresholdsStyle": map[string]any{"mode": "line+area"}}
	return f
}

// WithRange pins the axis, e.g. 0..1 for ratios.
func WithRange(f *data.Field, min, max float64) *data.Field {
	lo, hi := data.ConfFloat64(min), data.ConfFloat64(max)
	f.Config.Min, f.Config.Max = &lo, &hi
	return f
}

// Notice adds a warning the panel shows (partial data, widened steps).
func Notice(f *data.Frame, text string) {
	f.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: text})
}

// Ptr returns a pointer, for nullable fields.
func Ptr[T any](v T) *T { return &v }
