import { QueryType, type QueryTypeInfo } from './types';

/**
 * Which query types exist, their labels and the fields they need come from the
 * backend's `query-types` resource (pkg/query/types.go). What stays here is the
 * editor's own concern: which optional controls to show for a type.
 */
export const OPTIONAL_FIELDS = ['feature', 'attribute', 'metrics', 'method', 'groupBy', 'measure'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/** Optional query fields and the types that read them (docs/queries.md, "used by"). */
const FIELDS_BY_TYPE: Partial<Record<QueryType, OptionalField[]>> = {
  [QueryType.Quality]: ['metrics'],
  [QueryType.Drift]: ['method'],
  [QueryType.DriftTrend]: ['method'],
  [QueryType.DriftDistribution]: ['feature'],
  [QueryType.Fairness]: ['attribute'],
  [QueryType.FairnessTrend]: ['attribute'],
  [QueryType.Cost]: ['groupBy'],
  [QueryType.Measures]: ['measure'],
};

/** Whether the editor shows `field` for queries of `queryType`. */
export function usesField(queryType: string | undefined, field: OptionalField): boolean {
  return FIELDS_BY_TYPE[queryType as QueryType]?.includes(field) ?? false;
}

/** The backend's description of `queryType`; undefined while the list loads or for an unknown type. */
export function findQueryType(
  queryType: string | undefined,
  types: QueryTypeInfo[] | undefined
): QueryTypeInfo | undefined {
  return types?.find((t) => t.value === queryType);
}
