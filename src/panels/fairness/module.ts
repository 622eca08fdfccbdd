import { PanelPlugin } from '@grafana/data';

import { FairnessPanel } from './FairnessPanel';
import { FairnessOptions } from './types';

export const plugin = new PanelPlugin<FairnessOptions>(FairnessPanel).setPanelOptions((builder) =>
  builder.addSelect({
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
);
