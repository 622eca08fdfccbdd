import { PanelBuilders, type FieldConfigOverridesBuilder } from '@grafana/scenes';
import type { TableFieldOptions } from '@grafana/schema';

import { modelDrilldownLink } from './links';

type Overrides = FieldConfigOverridesBuilder<TableFieldOptions>;

/** The six health dimensions; the Executive page shows them in their own panel. */
export const HEALTH_DIMENSIONS = [
  'modelPerformance',
  'infrastructure',
  'dataQuality',
  'responseTimeSla',
  'compliance',
  'costEfficiency',
];

/**
 * A table panel whose columns fit its width: Grafana's default minimum column
 * width (150 px) pushes tables of many short values past their panel, so
 * columns may shrink to 80 px and their headers wrap.
 */
export function tablePanel() {
  return PanelBuilders.table().setCustomFieldConfig('minWidth', 80).setCustomFieldConfig('wrapHeaderText', true);
}

/** Leaves a column out of a table while its values stay usable in links. */
export function hideColumns(b: Overrides, names: string[]) {
  for (const name of names) {
    // `hidden` is the table's own switch in Grafana 12; `hideFrom.viz` the one newer tables read.
    b.matchFieldsWithName(name)
      .overrideCustomFieldConfig('hidden' as never, true as never)
      .overrideCustomFieldConfig('hideFrom', { viz: true, legend: false, tooltip: false });
  }
}

/** Fixed widths for short columns; the rest share what is left. */
export function columnWidths(b: Overrides, widths: Record<string, number>) {
  for (const [name, width] of Object.entries(widths)) {
    b.matchFieldsWithName(name).overrideCustomFieldConfig('width', width);
  }
}

/** Long text (issues, actions, details) wraps instead of being cut off. */
export function wrapColumns(b: Overrides, names: string[]) {
  for (const name of names) {
    b.matchFieldsWithName(name).overrideCustomFieldConfig('wrapText', true);
  }
}

/**
 * The `fleetHealth` table as people read it: the model's name opens its drill-down,
 * then status, severity, score, SLA, last issue and the recommended action, which wrap.
 */
export function fleetHealthColumns(b: Overrides) {
  b.matchFieldsWithName('name').overrideLinks([modelDrilldownLink()]);
  hideColumns(b, ['model', ...HEALTH_DIMENSIONS]);
  columnWidths(b, { name: 190, status: 100, severity: 90, healthScore: 120, slaAttainment: 110 });
  wrapColumns(b, ['lastIssue', 'action']);
}
