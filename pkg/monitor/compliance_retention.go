package monitor

// minimumRetentionDays is the shortest log retention each risk class needs.
// The EU AI Act (Art. 19 and 26) requires providers and deployers of
// high-risk systems to keep automatically generated logs for at least six
// months; other classes have no statutory minimum.
var minimumRetentionDays = map[string]int64{"high": 183}

// Retention statuses of the inventory frame.
const (
	retentionCompliant   = "compliant"
	retentionTooShort    = "too short"
	retentionNotDeclared = "not declared"
)

// retentionStatus compares a model's declared log retention with its risk class's minimum.
func retentionStatus(riskClass string, retentionDays int64) string {
	if retentionDays <= 0 {
		return retentionNotDeclared
	}
	if retentionDays < minimumRetentionDays[riskClass] {
		return retentionTooShort
	}
	return retentionCompliant
}
