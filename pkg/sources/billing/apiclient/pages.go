package apiclient

import (
	"context"
	"fmt"
	"net/url"

	"github.com/aiperf/monitor/pkg/fault"
)

// MaxPages bounds one read: at a page per day, two years of daily buckets.
const MaxPages = 1000

// Page is one page of a cursor-paged API (OpenAI's and Anthropic's admin
// APIs): has_more and the next page's cursor.
type Page struct {
	HasMore  bool    `json:"has_more"`
	NextPage *string `json:"next_page"`
}

// Walk reads every page from first, giving each to read; the cursor goes in
// the "page" parameter. A cursor that repeats is an error: a page read twice
// would count charges twice.
func (c *Client) Walk(ctx context.Context, first *url.URL, fetch func(ctx context.Context, u *url.URL) (Page, error)) error {
	seen := map[string]bool{}
	u := *first
	for n := 1; ; n++ {
		if n > MaxPages {
			return fault.Userf("%s returned more than %d pages: narrow the time range", c.API, MaxPages)
		}
		page, err := fetch(ctx, &u)
		if err != nil {
			return err
		}
		if !page.HasMore {
			return nil
		}
		if page.NextPage == nil || *page.NextPage == "" {
			return fault.Downstream(fmt.Errorf("%s said more pages follow page %d but gave no cursor", c.API, n))
		}
		if seen[*page.NextPage] {
			return fault.Downstream(fmt.Errorf("%s returned the cursor of an earlier page after page %d: stopping rather than counting charges twice", c.API, n))
		}
		seen[*page.NextPage] = true
		q := first.Query()
		q.Set("page", *page.NextPage)
		u.RawQuery = q.Encode()
	}
}
