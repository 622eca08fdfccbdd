import type { ConfigSectionProps } from '../configSections';
import type { Catalog } from './catalog';
import { validateCatalog } from './validateCatalog';

/** Writes part of the catalog into jsonData, leaving every other setting as it is. */
export function updateCatalog(props: ConfigSectionProps, patch: Partial<Catalog>) {
  props.onOptionsChange({ ...props.options, jsonData: { ...props.options.jsonData, ...patch } });
}

/** The backend's complaint about one jsonData field (e.g. `models[0].id`), if any. */
export function errorFor(props: ConfigSectionProps, field: string): string | undefined {
  return validateCatalog(props.options.jsonData).find((e) => e.field === field)?.problem;
}

/** A number input's value as jsonData keeps it: empty means unset. */
export function parseNumber(text: string, integer = false): number | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const value = Number(text);
  return integer ? Math.trunc(value) : value;
}
