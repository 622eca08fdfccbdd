import { css, cx } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2, PanelProps } from '@grafana/data';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';

import { testIds } from '../../testIds';
import { modelUrl, percent } from '../shared/frames';
import { FrameProblem, PanelMessage } from '../shared/PanelMessage';
import { cellColor } from './cellColor';
import { DistributionView } from './DistributionView';
import { distributionKey, parseDriftFrames, severity, sortFeatures } from './parseDrift';
import { DriftOptions } from './types';

type Props = PanelProps<DriftOptions>;

interface Selection {
  feature: string;
  column: number;
}

export function DriftPanel({ data, options, width, height, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const parsed = useMemo(() => parseDriftFrames(data.series), [data.series]);
  const [selection, setSelection] = useState<Selection | undefined>();
  const scroller = useRef<HTMLDivElement>(null);
  const windows = parsed.ok ? parsed.data.times.length : 0;
  // Open on the newest windows (the right end), as a person reads "now" first.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) {
      el.scrollLeft = el.scrollWidth;
    }
  }, [windows, width]);

  if (!parsed.ok) {
    return <FrameProblem series={data.series} error={parsed.error} />;
  }
  const drift = parsed.data;
  if (drift.features.length === 0) {
    return <PanelMessage>No features were scored in this range.</PanelMessage>;
  }
  const rows = sortFeatures(drift.features, options.sortBy).slice(0, Math.max(1, options.topN || 1000));
  const model = drift.model ?? (data.request?.targets[0] as { model?: string } | undefined)?.model;
  const selectedRow = selection && rows.find((r) => r.feature === selection.feature);
  const selectedCell = selectedRow?.cells[selection!.column];
  const compact = width < 500;

  const moveFocus = (rowIndex: number, column: number) => {
    const r = Math.min(Math.max(rowIndex, 0), rows.length - 1);
    const c = Math.min(Math.max(column, 0), drift.times.length - 1);
    document.getElementById(cellId(rows[r].feature, c))?.focus();
  };

  return (
    <div className={styles.container} style={{ width, height }} data-testid={testIds.driftPanel.container}>
      <div className={styles.summary} role="status">
        {drift.datasetDrift === null ? (
          'Dataset drift: unknown'
        ) : (
          <>
            Latest window, dataset drift: <strong>{drift.datasetDrift ? 'yes' : 'no'}</strong>
            {drift.driftedShare !== null && ` (${percent(drift.driftedShare)} of features drifted)`}
          </>
        )}
        {model && (
          <a className={styles.link} href={modelUrl(model)}>
            Open {model}
          </a>
        )}
      </div>
      <div className={styles.scroll} ref={scroller}>
        <table role="grid" aria-label="Drift by feature and window" className={styles.grid}>
          <thead>
            <tr>
              <th scope="col" className={styles.featureHeader}>
                Feature
              </th>
              {drift.times.map((t) => (
                <th scope="col" key={t} className={styles.timeHeader}>
                  {compact ? '' : dateTimeFormat(t, { format: 'MM-DD HH:mm', timeZone })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.feature}>
                <th scope="row" className={styles.featureHeader}>
                  {row.feature} <span className={styles.method}>{row.method}</span>
                </th>
                {row.cells.map((cell, c) => {
                  const sev = severity(row.method, cell);
                  const drifted = cell.drifted;
                  const selected = selection?.feature === row.feature && selection.column === c;
                  const label = describeCell(row.feature, row.method, cell);
                  return (
                    <td
                      key={c}
                      role="gridcell"
                      aria-selected={selected}
                      onKeyDown={(e) => {
                        const moves: Record<string, [number, number]> = {
                          ArrowUp: [r - 1, c],
                          ArrowDown: [r + 1, c],
                          ArrowLeft: [r, c - 1],
                          ArrowRight: [r, c + 1],
                        };
                        if (moves[e.key]) {
                          e.preventDefault();
                          moveFocus(...moves[e.key]);
                        }
                      }}
                    >
                      <Tooltip content={label}>
                        <button
                          id={cellId(row.feature, c)}
                          type="button"
                          aria-label={label}
                          className={cx(styles.cell, selected && styles.selected)}
                          style={{ background: cellColor(theme, options.colorScheme, sev) }}
                          onClick={() => setSelection({ feature: row.feature, column: c })}
                        >
                          {drifted ? '!' : cell.tooFewRows ? '·' : ''}
                        </button>
                      </Tooltip>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selectedRow && selectedCell && (
        <section className={styles.detail} aria-label={`Distribution of ${selectedRow.feature}`}>
          <div className={styles.detailTitle}>
            {selectedRow.feature} · {dateTimeFormat(selectedCell.time, { format: 'YYYY-MM-DD HH:mm', timeZone })} ·{' '}
            {selectedCell.score === null && selectedCell.reason
              ? `not scored: ${selectedCell.reason}`
              : `${selectedRow.method} score ${fmt(selectedCell.score)} (threshold ${fmt(selectedCell.threshold)})`}
            {selectedCell.pValue !== null && ` · p-value ${fmt(selectedCell.pValue)}`}
          </div>
          <DistributionView
            feature={selectedRow.feature}
            distribution={drift.distributions.get(distributionKey(selectedRow.feature, selectedCell.time))}
          />
        </section>
      )}
    </div>
  );
}

function cellId(feature: string, column: number): string {
  return `aiperf-drift-${feature}-${column}`;
}

function fmt(v: number | null): string {
  return v === null ? '–' : v.toPrecision(3);
}

function describeCell(
  feature: string,
  method: string,
  cell: {
    score: number | null;
    pValue: number | null;
    threshold: number;
    driftPercent: number | null;
    drifted: boolean;
    tooFewRows: boolean;
    reason: string;
  }
): string {
  if (cell.score === null) {
    return cell.reason ? `${feature}: not scored, ${cell.reason}` : `${feature}: no data in this window`;
  }
  const p = cell.pValue !== null ? `, p-value ${fmt(cell.pValue)}` : '';
  const moved = cell.driftPercent !== null ? `, ${cell.driftPercent.toFixed(1)}% moved` : '';
  return `${feature}: ${method} ${fmt(cell.score)}${p} (threshold ${fmt(cell.threshold)})${moved}${cell.drifted ? ', drifted' : ''}`;
}

const getStyles = (theme: GrafanaTheme2) => ({
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), overflow: 'auto' }),
  summary: css({ display: 'flex', gap: theme.spacing(2), alignItems: 'center', flexWrap: 'wrap' }),
  // Never shrinks when the distribution opens below it: the container scrolls instead.
  scroll: css({ overflow: 'auto', flexShrink: 0 }),
  grid: css({ borderCollapse: 'separate', borderSpacing: 2, 'th, td': { padding: 0 } }),
  timeHeader: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    fontWeight: 'normal',
    writingMode: 'vertical-rl',
    maxHeight: 80,
  }),
  // Sticky, so feature names stay readable while the windows scroll sideways.
  featureHeader: css({
    position: 'sticky',
    left: 0,
    zIndex: 1,
    background: theme.colors.background.primary,
    textAlign: 'left',
    paddingRight: theme.spacing(1),
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightMedium,
  }),
  method: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: 'normal',
  }),
  cell: css({
    width: 22,
    height: 22,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: 2,
    cursor: 'pointer',
    color: theme.colors.text.maxContrast,
    fontWeight: theme.typography.fontWeightBold,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
  }),
  selected: css({ outline: `2px solid ${theme.colors.text.primary}` }),
  detail: css({ borderTop: `1px solid ${theme.colors.border.weak}`, paddingTop: theme.spacing(1) }),
  detailTitle: css({ marginBottom: theme.spacing(1), fontWeight: theme.typography.fontWeightMedium }),
});
