import { getBackendSrv } from '@grafana/runtime';

import { useResource, type ResourceState } from '../useResource';
import type { ConfigSectionProps } from '../configSections';
import type { MappingPreview, TableColumn } from './inference';

/** Reads one of the data source's resources without Grafana's error toast: the section shows the error itself. */
function getResource<T>(uid: string, path: string): Promise<T> {
  return getBackendSrv().get<T>(
    `/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}`,
    undefined,
    undefined,
    { showErrorAlert: false }
  );
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
  const key = enabled && uid ? `${uid}|${version}|${refresh}` : undefined;
  const columns = useResource(key, () => getResource<TableColumn[]>(uid, 'inference/columns'));
  const preview = useResource(key, () => getResource<MappingPreview>(uid, 'inference/preview'));
  return { columns, preview };
}
