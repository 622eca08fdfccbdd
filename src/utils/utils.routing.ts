import { PLUGIN_BASE_URL, ROUTES } from '../constants';

// Prefixes the route with the base URL of the plugin
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** The drill-down of one model. */
export function modelRoute(model: string): string {
  return prefixRoute(`${ROUTES.Models}/${encodeURIComponent(model)}`);
}
