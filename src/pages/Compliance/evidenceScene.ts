import {
  CustomVariable,
  PanelBuilders,
  SceneFlexItem,
  SceneFlexLayout,
  SceneVariableSet,
  VariableValueSelectors,
} from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { aiperfQuery, onlyFields } from '../shared/queries';
import { item } from '../shared/scene';
import { modelVariable } from '../shared/variables';
import { ReportDownloadScene } from './ReportDownloadScene';

export const VAR_CHECK = 'check';
export const VAR_OUTCOME = 'outcome';

/** The checks and outcomes of the evidence register (pkg/query EvidenceChecks and EvidenceOutcomes). */
const CHECKS = 'all,drift,quality,estimatedQuality,fairness,dataQuality,availability,latency,errorRate,configuration';
const OUTCOMES = 'all,fail,pass,not measured';

/**
 * Rows the Compliance page adds for the model registry and evidence: measured compliance
 * facts, configuration drift against the registry, and the evidence register with its
 * filters and the compliance report download for the chosen model.
 */
export function complianceEvidenceRows(): SceneFlexItem[][] {
  const register = new SceneFlexLayout({
    direction: 'column',
    $variables: new SceneVariableSet({
      variables: [
        modelVariable(),
        new CustomVariable({ name: VAR_CHECK, label: 'Check', query: CHECKS, value: 'all', text: 'all' }),
        new CustomVariable({ name: VAR_OUTCOME, label: 'Outcome', query: OUTCOMES, value: 'all', text: 'all' }),
      ],
    }),
    children: [
      new SceneFlexItem({
        height: 40,
        body: new SceneFlexLayout({
          direction: 'row',
          children: [
            new SceneFlexItem({ body: new VariableValueSelectors({}) }),
            new SceneFlexItem({ width: 260, body: new ReportDownloadScene({}) }),
          ],
        }),
      }),
      new SceneFlexItem({
        minHeight: 420,
        body: PanelBuilders.table()
          .setTitle('Evidence register')
          .setDescription(
            'Every check the monitors ran on the model, window by window: what it compared with, the method and threshold, the outcome and the alert it raised'
          )
          .setData(aiperfQuery(QueryType.Evidence, { model: '${model}', check: '${check}', outcome: '${outcome}' }))
          .setOverrides((b) => {
            b.matchFieldsWithName('outcome').overrideMappings([
              {
                type: 'value' as never,
                options: { fail: { color: 'red', index: 0 }, pass: { color: 'green', index: 1 } },
              },
            ]);
            b.matchFieldsWithName('outcome').overrideCustomFieldConfig('cellOptions', { type: 'color-text' } as never);
          })
          .build(),
      }),
    ],
  });
  return [
    [
      item(
        PanelBuilders.table()
          .setTitle('Measured compliance facts')
          .setDescription(
            'Audit-trail coverage, retention, authentication failures, rejected requests, out-of-distribution inputs and versions, each with the connection that measured it; not measured where none does'
          )
          // The reading says the value in its unit; value, unit and target are for alert rules and Explore.
          .setData(
            onlyFields(aiperfQuery(QueryType.ComplianceFacts), [
              'model',
              'fact',
              'reading',
              'outcome',
              'measuredBy',
              'detail',
            ])
          )
          .build(),
        360,
        55
      ),
      item(
        PanelBuilders.timeseries()
          .setTitle('Configuration drift')
          .setDescription(
            "Share of predictions served off the registry's production version, and by a version without a baseline; 0 when serving matches"
          )
          .setData(aiperfQuery(QueryType.ConfigurationDrift))
          .setUnit('percentunit')
          .build(),
        360,
        45
      ),
    ],
    [item(register, 520)],
  ];
}
