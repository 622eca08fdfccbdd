import { useState } from 'react';
import { getBackendSrv } from '@grafana/runtime';

import { useResource, type ResourceState } from '../useResource';
import type { ConfigSectionProps } from '../configSections';
import type { MappingPreview, TableColumn } from './inference';

/**
 * Grafana answers resource calls from its data source cache, which keeps the settings of before a save for up
 * to five seconds: after a save, ask once that has passed.
 */
export const AFTER_SAVE_DELAY_MS = 5500;

/** Reads one of the data source's resources without Grafana's error toast: the section shows the error itself. */
function getResource<T>(uid: string, path: string, delayMs: number): Promise<T> {
  const url = `/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}`;
  const get = () => getBackendSrv().get<T>(url, undefined, undefined, { showErrorAlert: false });
  return delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)).then(get) : get();
}

/**
 * The predictions table's columns and the mapped columns' first rows, read by the backend from the *saved*
 * settings: they load again after each save (the settings' version changes) or when `refresh` changes.
 */
export function useInferenceTable(
  props: ConfigSectionProps,
  enabled: boolean,
  refresh: number
): { columns: ResourceState<TableColumn[]>; preview: ResourceState<MappingPreview> } {
  const { uid, version } = props.options;
  const [openedAt] = useState(version);
  const key = enabled && uid ? `${uid}|${version}|${refresh}` : undefined;
  const delay = version !== openedAt ? AFTER_SAVE_DELAY_MS : 0;
  const columns = useResource(key, () => getResource<TableColumn[]>(uid, 'inference/columns', delay));
  const preview = useResource(key, () => getResource<MappingPreview>(uid, 'inference/preview', delay));
  return { columns, preview };
}
