import { PanelPlugin } from '@grafana/data';

import { FairnessPanel } from './FairnessPanel';
import { FairnessOptions } from './types';

export const plugin = new PanelPlugin<FairnessOptions>(FairnessPanel).setPanelOptions((builder) =>
  builder
    .addSelect({
      path: 'metric',
      name: 'Metric',
      defaultValue: 'selectionRate',
      settings: {
        options: [
          { value: 'selectionRate', label: 'Selection rate' },
          { value: 'tpr', label: 'True positive rate' },
          { value: 'fpr', label: 'False positive rate' },
          { value: 'ppv', label: 'Precision (PPV)' },
          { value: 'accuracy', label: 'Accuracy' },
        ],
      },
    })
    .addRadio({
      path: 'reference',
      name: 'Reference group',
      defaultValue: 'best',
      settings: {
        options: [
          { value: 'best', label: 'Best' },
          { value: 'largest', label: 'Largest' },
          { value: 'named', label: 'Named' },
        ],
      },
    })
    .addTextInput({ path: 'referenceGroup', name: 'Reference group name', showIf: (o) => o.reference === 'named' })
    .addNumberInput({
      path: 'target',
      name: 'Target',
      description: 'Tolerated difference from the reference (0.05 = 5 points)',
      defaultValue: 0.05,
      settings: { min: 0, max: 1, step: 0.01 },
    })
);
