package clickhouse

import (
	"fmt"
	"os"
	"strings"
)

func debugf(format string, a ...any) {
	if sql, ok := a[len(a)-1].(string); ok && strings.Contains(sql, "ARRAY JOIN _ps") && os.Getenv("CHDUMP") != "" {
		_ = os.WriteFile(os.Getenv("CHDUMP"), []byte(sql), 0o644)
	}
	if os.Getenv("CHDEBUG") != "" {
		fmt.Fprintf(os.Stderr, format+"\n", a[:len(a)-1]...)
	}
}
