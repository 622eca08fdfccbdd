import { PanelPlugin } from '@grafana/data';

import { DriftPanel } from './DriftPanel';
import { DriftOptions } from './types';

export const plugin = new PanelPlugin<DriftOptions>(DriftPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'sortBy',
      name: 'Sort features by',
      defaultValue: 'current',
      settings: {
        options: [
          { value: 'current', label: 'Current drift' },
          { value: 'name', label: 'Name' },
        ],
      },
    })
    .addNumberInput({
      path: 'topN',
      name: 'Top N features',
      description: 'Show only the N most drifted features',
      defaultValue: 20,
      settings: { min: 1, integer: true },
    })
    .addRadio({
      path: 'colorScheme',
      name: 'Colours',
      defaultValue: 'theme',
      settings: {
        options: [
          { value: 'theme', label: 'Green / yellow / red' },
          { value: 'colorblind', label: 'Colour-blind safe (blue / orange)' },
        ],
      },
    })
);
