import { PanelBuilders, SceneFlexItem } from '@grafana/scenes';
import { waitFor } from '@testing-library/react';

import { hasFairness, isClassifier, onlyWhere } from './applicability';

const getModels = jest.fn();
const getAttributes = jest.fn();
const get = jest.fn();

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => ({ get: (uid: string) => get(uid) }),
}));

beforeEach(() => {
  getModels.mockResolvedValue([
    { id: 'risk-assessment', name: 'Risk Assessment', task: 'binary' },
    { id: 'demand-forecast', name: 'Demand Forecast', task: 'regression' },
  ]);
  getAttributes.mockImplementation((model: string) => Promise.resolve(model === 'risk-assessment' ? ['gender'] : []));
  get.mockResolvedValue({ getModels, getAttributes });
});

function activated(model: string, show = true) {
  const item = onlyWhere(new SceneFlexItem({ body: PanelBuilders.text().build() }), model, isClassifier, show);
  item.activate();
  return item;
}

describe('onlyWhere', () => {
  it('hides classifier views for a regression model and shows the note instead', async () => {
    const panel = activated('demand-forecast');
    const note = activated('demand-forecast', false);
    expect(note.state.isHidden).toBe(true);
    await waitFor(() => expect(panel.state.isHidden).toBe(true));
    expect(note.state.isHidden).toBe(false);
  });

  it('keeps them for a classifier', async () => {
    const panel = activated('risk-assessment');
    const note = activated('risk-assessment', false);
    await waitFor(() => expect(getModels).toHaveBeenCalled());
    await waitFor(() => expect(note.state.isHidden).toBe(true));
    expect(panel.state.isHidden).toBe(false);
  });

  it('asks the data source of the page', async () => {
    activated('risk-assessment');
    await waitFor(() => expect(get).toHaveBeenCalledWith('${ds}'));
  });
});

describe('rules', () => {
  it('needs a classifier with sensitive attributes for fairness', () => {
    expect(hasFairness({ task: 'binary', attributes: ['gender'] })).toBe(true);
    expect(hasFairness({ task: 'binary', attributes: [] })).toBe(false);
    expect(hasFairness({ task: 'regression', attributes: ['gender'] })).toBe(false);
    expect(isClassifier({ task: 'multiclass', attributes: [] })).toBe(true);
  });
});
