package logstore

import "context"

// Preview is the first rows of every mapped column, as text (nil: NULL).
type Preview struct {
	Columns []string    `json:"columns"`
	Rows    [][]*string `json:"rows"`
	// Missing lists mapped names the table does not have.
	Missing []string `json:"missing,omitempty"`
}

// Inspector is a store the settings editor can look into: the table's
// columns with their types, and a preview of the mapped columns.
type Inspector interface {
	Columns(ctx context.Context) ([]Column, error)
	Preview(ctx context.Context, limit int) (Preview, error)
}

// maxPreviewRows bounds a preview.
const maxPreviewRows = 20

// PreviewRows is how many rows a preview asked for limit reads: 1 to 20.
func PreviewRows(limit int) int { return min(max(limit, 1), maxPreviewRows) }
