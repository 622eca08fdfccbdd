package focus

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/aiperf/monitor/pkg/sources"
)

// WriteExport writes daily cost records as a FOCUS 1.2 export: CSV, gzipped
// CSV or Parquet by the file's extension (.csv, .csv.gz, .parquet). Each
// record is one usage row of its day, tagged with its model, in the
// ServiceCategory its category reads back as; the file appears whole
// (written aside, then renamed).
func WriteExport(path string, records []sources.CostRecord) error {
	rows := make([]exportRow, len(records))
	for i, r := range records {
		rows[i] = exportRowOf(r)
	}
	name := strings.ToLower(path)
	var write func(io.Writer) error
	switch {
	case strings.HasSuffix(name, ".parquet"):
		write = func(w io.Writer) error { return parquet.Write(w, rows) }
	case strings.HasSuffix(name, ".csv.gz"):
		write = func(w io.Writer) error {
			gz := gzip.NewWriter(w)
			if err := writeCSV(gz, rows); err != nil {
				return err
			}
			return gz.Close()
		}
	case strings.HasSuffix(name, ".csv"):
		write = func(w io.Writer) error { return writeCSV(w, rows) }
	default:
		return fmt.Errorf("%s: name the export .csv, .csv.gz or .parquet", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// exportRow is one row of an export written by WriteExport: FOCUS 1.2's mandatory columns and
// the conditional ones the connector reads.
type exportRow struct {
	BillingAccountID   string    `parquet:"BillingAccountId"`
	BillingAccountName string    `parquet:"BillingAccountName"`
	BillingCurrency    string    `parquet:"BillingCurrency"`
	BillingPeriodStart time.Time `parquet:"BillingPeriodStart,timestamp(millisecond)"`
	BillingPeriodEnd   time.Time `parquet:"BillingPeriodEnd,timestamp(millisecond)"`
	ChargeCategory     string    `parquet:"ChargeCategory"`
	ChargeClass        string    `parquet:"ChargeClass,optional"`
	ChargeDescription  string    `parquet:"ChargeDescription"`
	ChargePeriodStart  time.Time `parquet:"ChargePeriodStart,timestamp(millisecond)"`
	ChargePeriodEnd    time.Time `parquet:"ChargePeriodEnd,timestamp(millisecond)"`
	InvoiceIssuerName  string    `parquet:"InvoiceIssuerName"`
	ProviderName       string    `parquet:"ProviderName"`
	PublisherName      string    `parquet:"PublisherName"`
	ServiceCategory    string    `parquet:"ServiceCategory"`
	ServiceSubcategory string    `parquet:"ServiceSubcategory"`
	ServiceName        string    `parquet:"ServiceName"`
	ResourceType       string    `parquet:"ResourceType,optional"`
	PricingQuantity    float64   `parquet:"PricingQuantity"`
	PricingUnit        string    `parquet:"PricingUnit"`
	BilledCost         float64   `parquet:"BilledCost"`
	EffectiveCost      float64   `parquet:"EffectiveCost"`
	ListCost           float64   `parquet:"ListCost"`
	ContractedCost     float64   `parquet:"ContractedCost"`
	ConsumedQuantity   float64   `parquet:"ConsumedQuantity,optional"`
	ConsumedUnit       string    `parquet:"ConsumedUnit,optional"`
	Tags               string    `parquet:"Tags,json"`
	// cost is the amount exactly, for CSV; Parquet's costs are doubles, as
	// many exporters write them, exact to 15 significant digits.
	cost string
}

// exportService is how a demo category appears in a FOCUS export.
var exportService = map[string]struct{ category, subcategory, resourceType string }{
	sources.CategoryGPU:      {"Compute", "Virtual Machines", "GPU Instance"},
	sources.CategoryCompute:  {"Compute", "Containers", "Kubernetes Node"},
	sources.CategoryStorage:  {"Storage", "Object Storage", "Bucket"},
	sources.CategoryNetwork:  {"Networking", "Network Connectivity", ""},
	sources.CategoryPlatform: {"Management and Governance", "Observability", ""},
	sources.CategoryLLM:      {"AI and Machine Learning", "Generative AI", ""},
}

func exportRowOf(r sources.CostRecord) exportRow {
	svc := exportService[r.Category]
	month := time.Date(r.Day.Year(), r.Day.Month(), 1, 0, 0, 0, 0, time.UTC)
	amount := r.Amount.InexactFloat64()
	tags := "{}"
	if r.Model != "" {
		b, _ := json.Marshal(map[string]string{"model": r.Model})
		tags = string(b)
	}
	row := exportRow{
		BillingAccountID: "demo-fleet", BillingAccountName: "AI Performance Monitor demo fleet", BillingCurrency: r.Currency,
		BillingPeriodStart: month, BillingPeriodEnd: month.AddDate(0, 1, 0),
		ChargeCategory: "Usage", ChargeDescription: r.Service + " usage",
		ChargePeriodStart: r.Day, ChargePeriodEnd: r.Day.Add(24 * time.Hour),
		InvoiceIssuerName: r.Provider, ProviderName: r.Provider, PublisherName: r.Provider,
		ServiceCategory: svc.category, ServiceSubcategory: svc.subcategory, ServiceName: r.Service, ResourceType: svc.resourceType,
		PricingQuantity: 1, PricingUnit: "Day",
		BilledCost: amount, EffectiveCost: amount, ListCost: amount, ContractedCost: amount,
		Tags: tags, cost: r.Amount.String(),
	}
	if r.Tokens > 0 {
		row.ConsumedQuantity, row.ConsumedUnit = r.Tokens, "Tokens"
	}
	return row
}

// exportColumns are the CSV header, in exportRow's order.
var exportColumns = []string{
	"BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
	"ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodStart", "ChargePeriodEnd",
	"InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceCategory", "ServiceSubcategory", "ServiceName", "ResourceType",
	"PricingQuantity", "PricingUnit", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity", "ConsumedUnit", "Tags",
}

func writeCSV(w io.Writer, rows []exportRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportColumns); err != nil {
		return err
	}
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, r := range rows {
		consumed := ""
		if r.ConsumedUnit != "" {
			consumed = num(r.ConsumedQuantity)
		}
		if err := cw.Write([]string{
			r.BillingAccountID, r.BillingAccountName, r.BillingCurrency, stamp(r.BillingPeriodStart), stamp(r.BillingPeriodEnd),
			r.ChargeCategory, r.ChargeClass, r.ChargeDescription, stamp(r.ChargePeriodStart), stamp(r.ChargePeriodEnd),
			r.InvoiceIssuerName, r.ProviderName, r.PublisherName, r.ServiceCategory, r.ServiceSubcategory, r.ServiceName, r.ResourceType,
			num(r.PricingQuantity), r.PricingUnit, r.cost, r.cost, r.cost, r.cost, consumed, r.ConsumedUnit, r.Tags,
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
