import { SceneAppPage } from '@grafana/scenes';

import { ROUTES } from '../constants';
import { prefixRoute } from '../utils/utils.routing';
import { complianceScene } from './Compliance/complianceScene';
import { costScene } from './Cost/costScene';
import { executiveScene } from './Executive/executiveScene';
import { infrastructureScene } from './Infrastructure/infrastructureScene';
import { ModelTab, modelDetailScene } from './Models/modelDetailScene';
import { modelsScene } from './Models/modelsScene';

function page(
  route: ROUTES,
  title: string,
  subTitle: string,
  scene: (uid: string) => ReturnType<typeof executiveScene>,
  defaultUid: string
) {
  return new SceneAppPage({
    title,
    subTitle,
    url: prefixRoute(route),
    routePath: `${route}/*`,
    getScene: () => scene(defaultUid),
  });
}

export const executivePage = (uid: string) =>
  page(ROUTES.Executive, 'Executive', 'Fleet health, critical systems, KPIs and ROI', executiveScene, uid);
export const infrastructurePage = (uid: string) =>
  page(
    ROUTES.Infrastructure,
    'Infrastructure',
    'Utilisation, latency, SLAs, error budgets and incidents',
    infrastructureScene,
    uid
  );
export const costPage = (uid: string) =>
  page(ROUTES.Cost, 'Cost', 'Spend, unit costs, budget, forecast and savings', costScene, uid);
export const compliancePage = (uid: string) =>
  page(
    ROUTES.Compliance,
    'Compliance',
    'Inventory, fairness status, audit coverage, retention and regulations',
    complianceScene,
    uid
  );

const MODEL_TABS: Array<{ tab: ModelTab; title: string; path: string }> = [
  { tab: 'performance', title: 'Performance', path: 'performance' },
  { tab: 'drift', title: 'Drift', path: 'drift' },
  { tab: 'fairness', title: 'Fairness', path: 'fairness' },
  { tab: 'dataQuality', title: 'Data quality', path: 'data-quality' },
];

/** Models: the fleet table, and a drill-down per model with one tab per view. */
export function modelsPage(uid: string) {
  const models = new SceneAppPage({
    title: 'Models',
    subTitle: 'Every model with its status; open one for performance, drift, fairness and data quality',
    url: prefixRoute(ROUTES.Models),
    routePath: `${ROUTES.Models}/*`,
    getScene: () => modelsScene(uid),
    drilldowns: [
      {
        routePath: ':model/*',
        getPage: (match, parent) => {
          const model = decodeURIComponent(match.params.model);
          const base = `${prefixRoute(ROUTES.Models)}/${encodeURIComponent(model)}`;
          return new SceneAppPage({
            title: model,
            subTitle: 'Model drill-down',
            url: base,
            routePath: ':model/*',
            getParentPage: () => parent,
            getScene: () => modelDetailScene(uid, model, 'performance'),
            tabs: MODEL_TABS.map(
              (t) =>
                new SceneAppPage({
                  title: t.title,
                  url: `${base}/${t.path}`,
                  routePath: t.path,
                  getScene: () => modelDetailScene(uid, model, t.tab),
                })
            ),
          });
        },
      },
    ],
  });
  return models;
}
