package plugin

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/sources"
)

// catalogTTL is how long a registry's model list is reused.
const catalogTTL = time.Minute

// defaultLabelDelay applies to models that declare none: summaries of a
// window are cached only once this has passed, so late labels still count.
const defaultLabelDelay = 24 * time.Hour

// catalogs serves the instance's catalog: the declared facts over what the
// model registry knows, re-read from the registry at most once a minute.
type catalogs struct {
	declared catalog.Catalog
	registry sources.RegistrySource
	now      func() time.Time

	mu     sync.Mutex
	merged *catalog.Catalog
	err    error
	at     time.Time
	last   atomic.Pointer[catalog.Catalog]
}

func newCatalogs(declared catalog.Catalog, now func() time.Time) *catalogs {
	c := &catalogs{declared: declared, now: now}
	d := declared.WithRegistry(nil)
	c.last.Store(&d)
	return c
}

// get returns the merged catalog. When the registry cannot be read it
// returns the declared catalog and the registry's error, so queries on
// declared models still work and the others can say why they failed.
func (c *catalogs) get(ctx context.Context) (*catalog.Catalog, error) {
	if c.registry == nil {
		return c.last.Load(), nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.merged != nil && c.now().Sub(c.at) < catalogTTL {
		return c.merged, c.err
	}
	models, err := c.registry.Models(ctx)
	merged := c.declared.WithRegistry(models)
	c.merged, c.at, c.err = &merged, c.now(), nil
	if err != nil {
		c.err = fmt.Errorf("the model registry could not be read, so only declared models are known: %w", err)
		if ctx.Err() != nil {
			c.merged = nil // a cancelled read is not the registry's fault: retry next time
		}
	}
	c.last.Store(&merged)
	return &merged, c.err
}

// labelDelay is how long a model's labels take, from the latest catalog.
func (c *catalogs) labelDelay(model string) time.Duration {
	if m, ok := c.last.Load().Model(model); ok && m.LabelDelayHours > 0 {
		return time.Duration(m.LabelDelayHours * float64(time.Hour))
	}
	return defaultLabelDelay
}
