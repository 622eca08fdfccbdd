import { css } from '@emotion/css';
import { DataFrame, GrafanaTheme2 } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';
import React from 'react';

/** A centred note in place of the visualization ("No data", nothing measured in this range). */
export function PanelMessage({ children }: { children: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  return <div className={styles.message}>{children}</div>;
}

/** What a panel shows when its frames could not be parsed: no data at all, or the wrong shape. */
export function FrameProblem({ series, error }: { series: DataFrame[]; error: string }) {
  if (series.length === 0) {
    return <PanelMessage>No data</PanelMessage>;
  }
  return (
    <Alert severity="warning" title="Wrong data shape">
      {error}
    </Alert>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  message: css({
    display: 'flex',
    height: '100%',
    alignItems: 'center',
    justifyContent: 'center',
    color: theme.colors.text.secondary,
  }),
});
