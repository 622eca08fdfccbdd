import { useMemo } from 'react';

import type { ConfigSectionProps } from '../configSections';
import type { Catalog } from './catalog';
import { validateCatalog } from './validateCatalog';

/** Writes part of the catalog into jsonData, leaving every other setting as it is. */
export function updateCatalog(props: ConfigSectionProps, patch: Partial<Catalog>) {
  props.onOptionsChange({ ...props.options, jsonData: { ...props.options.jsonData, ...patch } });
}

/** What the backend would reject in the settings, by jsonData field (e.g. `models[0].id`). */
export function useCatalogErrors(props: ConfigSectionProps): Map<string, string> {
  const { jsonData } = props.options;
  return useMemo(() => new Map(validateCatalog(jsonData).map((e) => [e.field, e.problem])), [jsonData]);
}

/** A number input's value as jsonData keeps it: empty means unset. */
export function parseNumber(text: string, integer = false): number | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const value = Number(text);
  return integer ? Math.trunc(value) : value;
}
