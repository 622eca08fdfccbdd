import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { percent } from '../shared/frames';
import { Distribution } from './types';

interface Props {
  feature: string;
  distribution?: Distribution;
}

/** Baseline vs current shares of one feature in one window, as paired bars. */
export function DistributionView({ feature, distribution }: Props) {
  const styles = useStyles2(getStyles);
  if (!distribution || distribution.bins.length === 0) {
    return <div className={styles.empty}>No distribution was returned for {feature} in this window.</div>;
  }
  const max = Math.max(...distribution.baseline, ...distribution.current, 1e-9);
  return (
    <div role="figure" aria-label={`Baseline and current distribution of ${feature}`} className={styles.chart}>
      <div className={styles.legend}>
        <span className={styles.swatch(styles.baselineColor)} /> baseline
        <span className={styles.swatch(styles.currentColor)} /> current
      </div>
      {distribution.bins.map((bin, i) => (
        <div key={bin} className={styles.row}>
          <span className={styles.bin} title={bin}>
            {bin}
          </span>
          <div className={styles.bars}>
            <div
              className={styles.bar(styles.baselineColor, distribution.baseline[i] / max)}
              aria-label={`${bin} baseline ${percent(distribution.baseline[i])}`}
              title={`baseline ${percent(distribution.baseline[i])}`}
            />
            <div
              className={styles.bar(styles.currentColor, distribution.current[i] / max)}
              aria-label={`${bin} current ${percent(distribution.current[i])}`}
              title={`current ${percent(distribution.current[i])}`}
            />
          </div>
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const baselineColor = theme.colors.text.disabled;
  const currentColor = theme.colors.primary.main;
  return {
    baselineColor,
    currentColor,
    chart: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
    legend: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), color: theme.colors.text.secondary }),
    swatch: (color: string) =>
      css({ display: 'inline-block', width: 10, height: 10, background: color, borderRadius: 2 }),
    row: css({
      display: 'grid',
      gridTemplateColumns: 'minmax(80px, 30%) 1fr',
      alignItems: 'center',
      gap: theme.spacing(1),
    }),
    bin: css({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      fontSize: theme.typography.bodySmall.fontSize,
    }),
    bars: css({ display: 'flex', flexDirection: 'column', gap: 1 }),
    bar: (color: string, share: number) =>
      css({ height: 7, width: `${Math.max(share * 100, 0.5)}%`, background: color, borderRadius: 1 }),
    empty: css({ color: theme.colors.text.secondary }),
  };
};
