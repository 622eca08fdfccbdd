package monitor

import (
	"context"

	"github.com/shopspring/decimal"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/frames"
)

// costPerPredictionKPI is the models' spend over their predictions on the
// billed days. It needs one currency for the spend and a source that counts
// predictions; the target holds in the declared currency only.
func (r *Request) costPerPredictionKPI(ctx context.Context, models []catalog.Model, notes *notes) (frames.KPIRow, error) {
	declared := r.Catalog.DeclaredCurrency()
	row := frames.KPIRow{KPI: kpiCostPerPrediction, Target: r.fleetTargets().CostPerPrediction, Unit: frames.UnitCurrency(declared)}
	b, err := r.costBill(ctx, r.Range.From, r.Range.To)
	if err != nil {
		return row, err
	}
	if b.mixed() {
		notes.add(b.mixedNote())
		return row, nil
	}
	if len(b.currencies) == 1 && b.currencies[0] != declared {
		notes.add("the bill is in " + b.currencies[0] + " and the cost-per-prediction target in " + declared + ": cost per prediction is not compared")
		return row, nil
	}
	days := billedDays(b.records)
	if len(days) == 0 {
		notes.add("nothing is billed in the range yet (bills close a day late): cost per prediction is undefined")
		return row, nil
	}
	totals := costsByModel(b.records, declared)
	var spend decimal.Decimal
	var predictions float64
	for _, m := range models {
		p, _, err := r.predictionsOf(ctx, m, days)
		if err != nil {
			return row, err
		}
		if !p.OK {
			notes.add(noPredictionSource)
			return row, nil
		}
		predictions += p.Value
		if c := totals[m.ID]; c != nil {
			spend = spend.Add(c.spend)
		}
	}
	row.Value = engine.CostPerPrediction(spend.InexactFloat64(), predictions)
	return row, nil
}
