package focus

import (
	"fmt"
	"strings"
)

// mandatoryColumns are the columns every FOCUS 1.x export has (FOCUS 1.2
// specification/columns: the Mandatory feature level).
var mandatoryColumns = []string{
	"BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity",
	"BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
	"BillingAccountId", "BillingAccountName", "BillingCurrency", "ChargeCategory", "ChargeClass",
	"ChargeDescription", "InvoiceIssuerName", "PricingUnit", "ProviderName", "PublisherName",
	"ServiceCategory", "ServiceName",
}

// costColumns are the cost columns a feed may count, all in BillingCurrency.
var costColumns = []string{"EffectiveCost", "BilledCost", "ListCost", "ContractedCost"}

// DefaultCostColumn is what a charge costs once discounts and amortised
// commitments are applied: FOCUS's column for cost allocation.
const DefaultCostColumn = "EffectiveCost"

// chargeCategories are FOCUS's ChargeCategory values. Every one is counted
// in the chosen cost column, which FOCUS defines so that the sum is right:
// a commitment purchase amortised over usage has an EffectiveCost of 0 (its
// cost arrives on the usage rows it covers, and unused commitment on rows of
// its own), while its BilledCost is the cash paid; credits are negative.
var chargeCategories = []string{"Usage", "Purchase", "Tax", "Credit", "Adjustment"}

// columnIndex is where the columns the connector reads sit in a row.
type columnIndex struct {
	cost, chargeStart, chargeEnd, currency, chargeCategory int
	provider, invoiceIssuer, serviceName, serviceCategory  int
	serviceSubcategory, resourceType, tags                 int // -1 when absent
	consumedQuantity, consumedUnit                         int // -1 when absent
}

// indexColumns checks the header for every mandatory column, naming all
// that are missing, and locates the ones the connector reads.
func indexColumns(columns []string, costColumn string) (columnIndex, error) {
	at := make(map[string]int, len(columns))
	for i, c := range columns {
		at[strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))] = i
	}
	var missing []string
	for _, c := range mandatoryColumns {
		if _, ok := at[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return columnIndex{}, fmt.Errorf("this is not a FOCUS 1.x export: mandatory column%s %s %s missing; export the cost and usage data in FOCUS format (1.0 or later) with every mandatory column",
			plural(len(missing), "", "s"), strings.Join(missing, ", "), plural(len(missing), "is", "are"))
	}
	optional := func(name string) int {
		if i, ok := at[name]; ok {
			return i
		}
		return -1
	}
	return columnIndex{
		cost: at[costColumn], chargeStart: at["ChargePeriodStart"], chargeEnd: at["ChargePeriodEnd"],
		currency: at["BillingCurrency"], chargeCategory: at["ChargeCategory"],
		provider: at["ProviderName"], invoiceIssuer: at["InvoiceIssuerName"],
		serviceName: at["ServiceName"], serviceCategory: at["ServiceCategory"],
		serviceSubcategory: optional("ServiceSubcategory"), resourceType: optional("ResourceType"), tags: optional("Tags"),
		consumedQuantity: optional("ConsumedQuantity"), consumedUnit: optional("ConsumedUnit"),
	}, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// cell is a row's value at i, or "" for a column the export lacks.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}
