import { type DataTransformerConfig } from '@grafana/data';
import { type EmbeddedScene, SceneDataTransformer, type SceneObject, VizPanel, sceneGraph } from '@grafana/scenes';

import { goldenFrames } from '../test/golden';
import { complianceScene } from './Compliance/complianceScene';
import { costScene } from './Cost/costScene';
import { executiveScene } from './Executive/executiveScene';
import { infrastructureScene } from './Infrastructure/infrastructureScene';
import { modelDetailScene } from './Models/modelDetailScene';
import { modelsScene } from './Models/modelsScene';
import { runnerOf } from './shared/testUtils';

const UID = 'my-aiperf';

/** The field names a panel's transformations and overrides pick by name. */
function namedFields(panel: VizPanel): string[] {
  const names: string[] = [];
  for (const o of panel.state.fieldConfig.overrides ?? []) {
    if (o.matcher.id === 'byName' && typeof o.matcher.options === 'string') {
      names.push(o.matcher.options);
    }
  }
  for (let o: SceneObject | undefined = panel; o; o = o.parent) {
    const data = o.state.$data;
    if (data instanceof SceneDataTransformer) {
      for (const t of data.state.transformations as DataTransformerConfig[]) {
        if (t.id === 'filterFieldsByName') {
          names.push(...((t.options?.include?.names as string[]) ?? []));
        }
        if (t.id === 'filterByValue') {
          names.push(...((t.options?.filters as Array<{ fieldName: string }>) ?? []).map((f) => f.fieldName));
        }
      }
    }
  }
  return names;
}

function fieldNamesOf(queryType: string): Set<string> {
  return new Set(goldenFrames(queryType).flatMap((f) => f.fields.map((field) => field.name)));
}

// The drift and fairness tabs are the custom panels, which read whole frames
// (their parse tests use the same golden files); the others pick fields.
const scenes: Array<[string, () => EmbeddedScene, boolean]> = [
  ['executive', () => executiveScene(UID), true],
  ['models', () => modelsScene(UID), true],
  ['infrastructure', () => infrastructureScene(UID), true],
  ['cost', () => costScene(UID), true],
  ['compliance', () => complianceScene(UID), true],
  ['model performance', () => modelDetailScene(UID, 'risk-assessment', 'performance'), true],
  ['model drift', () => modelDetailScene(UID, 'risk-assessment', 'drift'), false],
  ['model fairness', () => modelDetailScene(UID, 'risk-assessment', 'fairness'), false],
  ['model data quality', () => modelDetailScene(UID, 'risk-assessment', 'dataQuality'), false],
];

describe('pages read the fields the backend returns', () => {
  it.each(scenes)('%s: every field a panel picks by name is in the golden frames of its query', (_, build, picks) => {
    const scene = build();
    const panels = sceneGraph.findAllObjects(scene, (o) => o instanceof VizPanel) as VizPanel[];
    let checked = 0;
    for (const panel of panels) {
      const queryType = runnerOf(panel)?.state.queries[0]?.queryType;
      const names = namedFields(panel);
      if (!queryType || names.length === 0) {
        continue;
      }
      const available = fieldNamesOf(queryType);
      for (const name of names) {
        expect({ panel: panel.state.title, queryType, field: name, present: available.has(name) }).toEqual({
          panel: panel.state.title,
          queryType,
          field: name,
          present: true,
        });
        checked++;
      }
    }
    expect(checked > 0).toBe(picks);
  });
});
