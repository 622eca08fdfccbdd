import {
  CustomVariable,
  EmbeddedScene,
  SceneFlexLayout,
  SceneTimeRange,
  SceneVariableSet,
  sceneGraph,
} from '@grafana/scenes';

import { QueryType } from '../../datasource/types';
import { panelsOf } from '../shared/testUtils';
import { ReportDownloadScene, complianceReportUrl } from './ReportDownloadScene';
import { complianceEvidenceRows } from './evidenceScene';

function page() {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: '2026-10-21T00:00:00Z', to: '2026-11-20T00:00:00Z' }),
    $variables: new SceneVariableSet({
      variables: [new CustomVariable({ name: 'ds', query: 'aiperf-demo', value: 'aiperf-demo', text: 'aiperf-demo' })],
    }),
    body: new SceneFlexLayout({ children: complianceEvidenceRows().flat() }),
  });
}

describe('compliance evidence rows', () => {
  it('query measured facts, configuration drift and the filtered evidence register', () => {
    const panels = panelsOf(page());
    expect(panels.map((p) => p.query?.queryType)).toEqual([
      QueryType.ComplianceFacts,
      QueryType.ConfigurationDrift,
      QueryType.Evidence,
    ]);
    expect(panels[2].query).toMatchObject({ model: '${model}', check: '${check}', outcome: '${outcome}' });
  });

  it('offer the model, check and outcome filters next to the download', () => {
    const scene = page();
    const download = sceneGraph.findObject(scene, (o) => o instanceof ReportDownloadScene) as ReportDownloadScene;
    for (const name of ['model', 'check', 'outcome']) {
      expect(sceneGraph.lookupVariable(name, download)).toBeDefined();
    }
    expect((sceneGraph.lookupVariable('check', download) as CustomVariable).state.value).toBe('all');
  });

  it('link the download to the report of the chosen model over the page range', () => {
    const scene = page();
    scene.activate();
    const download = sceneGraph.findObject(scene, (o) => o instanceof ReportDownloadScene) as ReportDownloadScene;
    download.activate();
    const model = sceneGraph.lookupVariable('model', download)!;
    (model as unknown as { setState: (s: object) => void }).setState({
      value: 'risk-assessment',
      text: 'Risk Assessment',
    });
    expect(download.reportUrl()).toBe(
      complianceReportUrl(
        'aiperf-demo',
        'risk-assessment',
        Date.parse('2026-10-21T00:00:00Z'),
        Date.parse('2026-11-20T00:00:00Z')
      )
    );
    expect(download.reportUrl()).toBe(
      '/api/datasources/uid/aiperf-demo/resources/compliance-report?model=risk-assessment&from=1792540800000&to=1795132800000'
    );
  });
});
