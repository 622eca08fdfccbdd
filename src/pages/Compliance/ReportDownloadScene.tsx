import React from 'react';
import { locationUtil } from '@grafana/data';
import {
  SceneComponentProps,
  SceneObjectBase,
  SceneObjectState,
  VariableDependencyConfig,
  sceneGraph,
} from '@grafana/scenes';
import { LinkButton } from '@grafana/ui';

import { VAR_DATASOURCE_EXPR, VAR_MODEL_EXPR } from '../../constants';

/** The resource route that renders one model's compliance report (pkg/plugin/handler_report.go). */
export function complianceReportUrl(dsUid: string, model: string, fromMs: number, toMs: number): string {
  const params = new URLSearchParams({ model, from: String(fromMs), to: String(toMs) });
  return locationUtil.assureBaseUrl(
    `/api/datasources/uid/${encodeURIComponent(dsUid)}/resources/compliance-report?${params}`
  );
}

/**
 * A download link for the chosen model's compliance report over the page's time
 * range: a self-contained HTML file the backend renders from the evidence register.
 */
export class ReportDownloadScene extends SceneObjectBase<SceneObjectState> {
  static Component = ReportDownloadRenderer;

  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: ['ds', 'model'],
    onReferencedVariableValueChanged: () => this.forceRender(),
  });

  /** The report's address for the current data source, model and time range; undefined until a model is chosen. */
  reportUrl(): string | undefined {
    const model = sceneGraph.interpolate(this, VAR_MODEL_EXPR);
    const ds = sceneGraph.interpolate(this, VAR_DATASOURCE_EXPR);
    if (!model || model === VAR_MODEL_EXPR || !ds) {
      return undefined;
    }
    const { from, to } = sceneGraph.getTimeRange(this).state.value;
    return complianceReportUrl(ds, model, from.valueOf(), to.valueOf());
  }
}

function ReportDownloadRenderer({ model }: SceneComponentProps<ReportDownloadScene>) {
  // Re-render when a variable changes (forceRender) or the time range moves.
  model.useState();
  sceneGraph.getTimeRange(model).useState();
  const url = model.reportUrl();
  return (
    <LinkButton
      icon="download-alt"
      variant="primary"
      href={url}
      download
      disabled={!url}
      tooltip="One model's evidence over the chosen period as an HTML file to archive: inventory entry, monitoring plan, results with charts, incidents and alerts, open findings"
    >
      Download compliance report
    </LinkButton>
  );
}
