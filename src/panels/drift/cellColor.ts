import { GrafanaTheme2 } from '@grafana/data';

import { ColorScheme } from './types';

/**
 * Colour of a cell from its severity (1 = at the threshold). The colour-blind
 * scheme runs blue → orange (Okabe–Ito hues, told apart by most viewers).
 */
export function cellColor(theme: GrafanaTheme2, scheme: ColorScheme, severity: number | null): string {
  if (severity === null) {
    return theme.colors.background.secondary;
  }
  const pick = (name: string) => theme.visualization.getColorByName(name);
  if (scheme === 'colorblind') {
    if (severity > 1) {
      return pick('orange');
    }
    return severity > 0.5 ? pick('super-light-blue') : pick('blue');
  }
  if (severity > 1) {
    return pick('red');
  }
  return severity > 0.5 ? pick('yellow') : pick('green');
}
