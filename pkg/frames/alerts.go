package frames

import (
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
)

// AlertStats are one health rule's firings on one model over a range.
type AlertStats struct {
	Rule, Title, Severity, Model string
	Firings                      int
	PerDay                       engine.Metric // firings per day of the range
	MTTRMinutes                  engine.Metric // mean time from firing to resolved; undefined until one resolved
	Flaps                        int           // firings that followed a resolve within the hour
	Escalations                  int           // firings that lasted into their escalation
	FiringNow                    bool
}

// AlertFrequency builds the alertFrequency frame, most severe and most
// frequent first.
func AlertFrequency(rows []AlertStats, executed string) *data.Frame {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Severity != rows[j].Severity {
			return rows[i].Severity < rows[j].Severity
		}
		return rows[i].Firings > rows[j].Firings
	})
	n := len(rows)
	rule, title, severity, model := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	firings, flaps, escalations := make([]int64, n), make([]int64, n), make([]int64, n)
	perDay, mttr := make([]*float64, n), make([]*float64, n)
	now := make([]bool, n)
	for i, r := range rows {
		rule[i], title[i], severity[i], model[i] = r.Rule, r.Title, r.Severity, r.Model
		firings[i], flaps[i], escalations[i] = int64(r.Firings), int64(r.Flaps), int64(r.Escalations)
		perDay[i], mttr[i], now[i] = r.PerDay.Ptr(), r.MTTRMinutes.Ptr(), r.FiringNow
	}
	return New("alertFrequency", executed,
		ValueField("severity", "Severity", "", severity),
		ValueField("rule", "Rule", "", rule),
		ValueField("title", "Alert", "", title),
		ValueField("model", "Model", "", model),
		ValueField("firings", "Firings", UnitNone, firings),
		ValueField("firingsPerDay", "Firings per day", UnitNone, perDay),
		ValueField("mttrMinutes", "Mean time to resolve", "m", mttr),
		ValueField("flaps", "Flaps", UnitNone, flaps),
		ValueField("escalations", "Escalations", UnitNone, escalations),
		ValueField("firingNow", "Firing now", "", now),
	)
}

// AlertFiring is one firing of a health rule on a model; Resolved is zero
// while it still fires.
type AlertFiring struct {
	Model, Rule, Severity, Title string
	Started, Resolved            time.Time
	Detail                       string
}

// AlertFirings builds the alertFirings frame, oldest first: the events the
// model pages show as alert-state annotations.
func AlertFirings(rows []AlertFiring, executed string) *data.Frame {
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Started.Before(rows[j].Started) })
	n := len(rows)
	model, rule, severity, title, detail := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	started, resolved := make([]time.Time, n), make([]*time.Time, n)
	for i, r := range rows {
		model[i], rule[i], severity[i], title[i], detail[i] = r.Model, r.Rule, r.Severity, r.Title, r.Detail
		started[i] = r.Started
		if !r.Resolved.IsZero() {
			resolved[i] = &rows[i].Resolved
		}
	}
	return New("alertFirings", executed,
		ValueField("model", "Model", "", model),
		ValueField("rule", "Rule", "", rule),
		ValueField("severity", "Severity", "", severity),
		ValueField("title", "Alert", "", title),
		ValueField("started", "Started", "", started),
		ValueField("resolved", "Resolved", "", resolved),
		ValueField("detail", "Detail", "", detail),
	)
}
