package engine

import (
	"math"
	"testing"
	"time"
)

func TestIncidentMTTRMTBFAvailability(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	to := from.Add(10 * 24 * time.Hour)
	at := func(h, m int) time.Time { return from.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	incidents := []IncidentInterval{
		{Started: at(10, 0), Resolved: at(10, 20)},  // 20 min
		{Started: at(50, 0), Resolved: at(50, 40)},  // 40 min
		{Started: at(100, 0), Resolved: at(101, 0)}, // 60 min
	}
	s := IncidentStatsOver(incidents, from, to)
	if s.Count != 3 {
		t.Errorf("count = %d, want 3", s.Count)
	}
	assertCostMetric(t, "MTTR minutes", s.MTTRMinutes, 40)
	// Downtime 120 min of a 240 h window: uptime 238 h over 3 failures.
	if s.DowntimeMins != 120 {
		t.Errorf("downtime = %v min, want 120", s.DowntimeMins)
	}
	assertCostMetric(t, "MTBF hours", s.MTBFHours, 238.0/3)
	if want := 1 - 2.0/240; math.Abs(s.Availability.Value-want) > 1e-12 || !s.Availability.OK {
		t.Errorf("availability = %+v, want %v", s.Availability, want)
	}
}

func TestIncidentOverlapsAndOpenIncidents(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	to := from.Add(10 * time.Hour)
	incidents := []IncidentInterval{
		{Started: from.Add(-time.Hour), Resolved: from.Add(time.Hour)},           // 1 h inside the window
		{Started: from.Add(30 * time.Minute), Resolved: from.Add(2 * time.Hour)}, // overlaps: union to 2 h
		{Started: from.Add(9 * time.Hour)},                                       // open: runs to the window end
	}
	s := IncidentStatsOver(incidents, from, to)
	if s.DowntimeMins != 180 {
		t.Errorf("downtime = %v min, want 180", s.DowntimeMins)
	}
	// MTTR over the two resolved incidents: (120 + 90) / 2 minutes.
	assertCostMetric(t, "MTTR minutes", s.MTTRMinutes, 105)
	assertCostMetric(t, "availability", s.Availability, 0.7)
	assertCostMetric(t, "MTBF hours", s.MTBFHours, 7.0/3)
}

func TestIncidentStatsWithoutIncidents(t *testing.T) {
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	s := IncidentStatsOver(nil, from, from.Add(24*time.Hour))
	assertCostUndefined(t, "MTTR", s.MTTRMinutes)
	assertCostUndefined(t, "MTBF", s.MTBFHours)
	assertCostMetric(t, "availability", s.Availability, 1)
}

func TestIncidentLogCoverage(t *testing.T) {
	// Predictions logged in 18 of 24 hourly windows.
	assertCostMetric(t, "coverage", Coverage(18, 24), 0.75)
	assertCostUndefined(t, "coverage without windows", Coverage(0, 0))
}
