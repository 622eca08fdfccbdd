package prometheus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/aiperf/monitor/pkg/fault"
)

// matcher is one PromQL label matcher, validated: a label name, an
// operator and a value that is always written back escaped.
type matcher struct {
	label, op, value string
}

func (m matcher) String() string { return m.label + m.op + strconv.Quote(m.value) }

var (
	labelName   = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	matcherText = regexp.MustCompile(`^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|` + "`[^`]*`" + `)\s*(,|$)`)
)

const maxMatchers = 10

// parseMatchers reads `job="tgi", pod=~"llama-.*"`. Values are unquoted and
// re-quoted, so nothing but label matchers can reach a query; regular
// expressions are compiled to be sure Prometheus will accept them.
func parseMatchers(text string) ([]matcher, error) {
	var out []matcher
	rest := strings.TrimSpace(text)
	for rest != "" {
		m := matcherText.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("is not a list of label matchers like job=\"tgi\", pod=~\"llama-.*\" (at %s)", fault.Echo(rest))
		}
		value, err := unquote(m[3])
		if err != nil {
			return nil, fmt.Errorf("has a badly quoted value %s", fault.Echo(m[3]))
		}
		if m[2] == "=~" || m[2] == "!~" {
			if _, err := regexp.Compile("^(?:" + value + ")$"); err != nil {
				return nil, fmt.Errorf("has an invalid regular expression %s: %v", fault.Echo(value), err)
			}
		}
		out = append(out, matcher{label: m[1], op: m[2], value: value})
		if len(out) > maxMatchers {
			return nil, fmt.Errorf("has more than %d matchers", maxMatchers)
		}
		rest = strings.TrimSpace(rest[len(m[0]):])
	}
	return out, nil
}

func unquote(q string) (string, error) {
	switch q[0] {
	case '`':
		return q[1 : len(q)-1], nil
	case '\'':
		return strconv.Unquote(`"` + strings.ReplaceAll(q[1:len(q)-1], `"`, `\"`) + `"`)
	}
	return strconv.Unquote(q)
}

// joinMatchers writes matchers as the inside of a selector's braces.
func joinMatchers(ms []matcher) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.String()
	}
	return strings.Join(parts, ",")
}
