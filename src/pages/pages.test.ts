import { SceneAppPage } from '@grafana/scenes';

import { compliancePage, costPage, executivePage, infrastructurePage, modelsPage } from './pages';

describe('app pages', () => {
  it('mounts every view under the app url', () => {
    const urls = [executivePage, modelsPage, infrastructurePage, costPage, compliancePage].map(
      (p) => p('uid').state.url
    );
    expect(urls).toEqual([
      '/a/aiperf-monitor-app/executive',
      '/a/aiperf-monitor-app/models',
      '/a/aiperf-monitor-app/infrastructure',
      '/a/aiperf-monitor-app/cost',
      '/a/aiperf-monitor-app/compliance',
    ]);
  });

  it('opens a model drill-down with performance, drift, fairness and data-quality tabs', () => {
    const models = modelsPage('uid');
    const drilldown = models.state.drilldowns![0];
    expect(drilldown.routePath).toBe(':model/*');
    const page = drilldown.getPage(
      { params: { model: 'risk-assessment' }, isExact: true, path: '', url: '' },
      models
    ) as SceneAppPage;
    expect(page.state.url).toBe('/a/aiperf-monitor-app/models/risk-assessment');
    expect(page.state.tabs!.map((t) => [t.state.title, t.state.url])).toEqual([
      ['Performance', '/a/aiperf-monitor-app/models/risk-assessment/performance'],
      ['Drift', '/a/aiperf-monitor-app/models/risk-assessment/drift'],
      ['Fairness', '/a/aiperf-monitor-app/models/risk-assessment/fairness'],
      ['Data quality', '/a/aiperf-monitor-app/models/risk-assessment/data-quality'],
    ]);
    expect(page.state.getParentPage!()).toBe(models);
  });
});
