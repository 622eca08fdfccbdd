// Package fault classifies errors by whose they are to fix: the user's (a
// query, a setting, a range), an external system's (downstream), or ours.
// The plugin layer turns the class into Grafana's status and error source,
// so users see whose fault a failure is.
package fault

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// userError is a failure the user fixes.
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

// Userf returns an error the user fixes; the message names the field and the fix.
func Userf(format string, args ...any) error {
	return userError{fmt.Sprintf(format, args...)}
}

// IsUser reports whether err, or an error it wraps, is the user's to fix.
func IsUser(err error) bool {
	return errors.As(err, new(userError))
}

// NotFound marks a request for something that does not exist (an unknown
// model in a resource call): the user's to fix, answered with 404.
type NotFound struct{ msg string }

func (e NotFound) Error() string { return e.msg }

// NotFoundf returns a NotFound error.
func NotFoundf(format string, args ...any) error {
	return NotFound{fmt.Sprintf(format, args...)}
}

// IsNotFound reports whether err is a NotFound.
func IsNotFound(err error) bool {
	return errors.As(err, new(NotFound))
}

// Downstream marks a failure of the external system a connector reached
// (network, server error, timeout on its side).
func Downstream(err error) error {
	if err == nil {
		return nil
	}
	return backend.DownstreamError(err)
}

// maxEcho bounds how much of a user-supplied value an error repeats.
const maxEcho = 100

// Echo quotes a user-supplied value for an error message, cut to maxEcho
// characters so a pasted megabyte never comes back whole.
func Echo(v string) string {
	if utf8.RuneCountInString(v) <= maxEcho {
		return fmt.Sprintf("%q", v)
	}
	runes := []rune(v)
	return fmt.Sprintf("%q… (%d more characters)", string(runes[:maxEcho]), len(runes)-maxEcho)
}

// maxListed bounds how many field errors one message lists.
const maxListed = 20

// JoinLimited joins at most maxListed errors and counts the rest.
func JoinLimited(errs []error) error {
	if len(errs) <= maxListed {
		return errors.Join(errs...)
	}
	kept := append(errs[:maxListed:maxListed], fmt.Errorf("… and %d more errors", len(errs)-maxListed))
	return errors.Join(kept...)
}

// RootCause is the innermost error's text: "connection refused", not the
// whole chain with the address repeated.
func RootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
