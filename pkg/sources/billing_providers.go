package sources

import (
	"slices"
	"strings"
	"unicode"
)

// providerAliases map the names bills give one provider to one key.
var providerAliases = map[string]string{
	"amazon": "aws", "amazonwebservices": "aws",
	"microsoft": "azure", "microsoftazure": "azure",
	"google": "gcp", "googlecloud": "gcp", "googlecloudplatform": "gcp",
}

// corporateSuffixes are dropped so "OpenAI, L.L.C." and "OpenAI" match.
var corporateSuffixes = []string{"inc", "incorporated", "llc", "l", "c", "ltd", "limited", "pbc", "gmbh", "corp", "corporation", "co"}

// ProviderKey is the identity of a provider across bills: its words in
// lower case without trailing corporate suffixes, joined, with known
// aliases folded ("Amazon Web Services" and "AWS" are one provider).
func ProviderKey(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for len(words) > 1 && slices.Contains(corporateSuffixes, words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	key := strings.Join(words, "")
	if alias, ok := providerAliases[key]; ok {
		return alias
	}
	return key
}
