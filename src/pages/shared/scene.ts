import {
  EmbeddedScene,
  SceneControlsSpacer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneObject,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
} from '@grafana/scenes';

import { pageVariables } from './variables';

export type Row = SceneFlexItem[] | SceneFlexLayout;

export interface SceneOptions {
  defaultUid: string;
  withModel?: boolean;
  rows: Row[];
}

/** A page body: variables, time range and refresh controls over rows of panels. */
export function pageScene({ defaultUid, withModel = false, rows }: SceneOptions): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-7d', to: 'now' }),
    $variables: pageVariables(defaultUid, withModel),
    controls: [
      new VariableValueSelectors({}),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ intervals: ['1m', '5m', '15m', '1h'], isOnCanvas: true }),
    ],
    body: new SceneFlexLayout({
      direction: 'column',
      children: rows.map((row) => (Array.isArray(row) ? rowOf(row) : row)),
    }),
  });
}

function rowOf(children: SceneFlexItem[], $data?: SceneQueryRunner): SceneFlexLayout {
  // Panels that do not fit side by side (at 1280 px) move to the next line instead of shrinking.
  return new SceneFlexLayout({ direction: 'row', wrap: 'wrap', minHeight: 260, children, $data });
}

/** A row whose panels share one query; each panel picks its part with `fromRow(...)`. */
export function sharedRow($data: SceneQueryRunner, items: SceneFlexItem[]): SceneFlexLayout {
  return rowOf(items, $data);
}

/** A panel in a row; width is its flex share. */
export function item(body: SceneObject, height = 280, width?: number): SceneFlexItem {
  return new SceneFlexItem({
    body,
    minHeight: height,
    minWidth: width ? undefined : 360,
    width: width ? `${width}%` : undefined,
  });
}
