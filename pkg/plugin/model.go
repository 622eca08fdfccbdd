package plugin

import (
	"strings"

	"github.com/aiperf/monitor/pkg/catalog"
)

// modelOf returns the query's model from the catalog, or a bad-query error
// listing the models that exist.
func modelOf(qc *queryContext) (catalog.Model, error) {
	if m, ok := qc.Settings.Catalog.Model(qc.Query.Model); ok {
		return m, nil
	}
	ids := make([]string, len(qc.Settings.Catalog.Models))
	for i, m := range qc.Settings.Catalog.Models {
		ids[i] = m.ID
	}
	return catalog.Model{}, badQuery("model %q is not in the catalog: use one of %s", qc.Query.Model, strings.Join(ids, ", "))
}
