import { findQueryType } from './queryTypes';
import type { AiperfQuery, QueryTypeInfo } from './types';

/** A field the user must fill before the query can run, and what to tell them. */
export interface QueryIssue {
  field: 'queryType' | 'model' | 'feature' | 'attribute';
  message: string;
}

/**
 * Lists what keeps `query` from running, from the backend's query type list
 * (`types`; undefined while it loads, when only the type itself is checked).
 * Everything else — unknown types, drift methods, cost groupings — the backend
 * rejects with an error naming the field.
 */
export function validateQuery(query: AiperfQuery, types: QueryTypeInfo[] | undefined): QueryIssue[] {
  if (!query.queryType) {
    return [{ field: 'queryType', message: 'Choose a query type.' }];
  }
  const info = findQueryType(query.queryType, types);
  const issues: QueryIssue[] = [];
  if (info?.needsModel && !query.model) {
    issues.push({ field: 'model', message: 'Choose a model: this query type needs one.' });
  }
  if (info?.needsFeature && !query.feature) {
    issues.push({ field: 'feature', message: 'Choose a feature: this query type needs one.' });
  }
  if (info?.needsAttribute && !query.attribute) {
    issues.push({ field: 'attribute', message: 'Choose a sensitive attribute: this query type needs one.' });
  }
  return issues;
}
