import { css, cx } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { Badge, Tooltip, useStyles2 } from '@grafana/ui';
import React, { useMemo } from 'react';

import { testIds } from '../../testIds';
import { modelUrl, percent } from '../shared/frames';
import { FrameProblem, PanelMessage } from '../shared/PanelMessage';
import {
  CRITERIA,
  FOUR_FIFTHS,
  bandTarget,
  parityRatio,
  parseFairnessFrames,
  referenceGroup,
  withinBand,
} from './parseFairness';
import { AttributeFairness, FairnessOptions } from './types';

type Props = PanelProps<FairnessOptions>;

const METRIC_LABELS: Record<FairnessOptions['metric'], string> = {
  selectionRate: 'Selection rate',
  tpr: 'True positive rate',
  fpr: 'False positive rate',
  ppv: 'Precision (PPV)',
  accuracy: 'Accuracy',
};

export function FairnessPanel({ data, options, width, height }: Props) {
  const styles = useStyles2(getStyles);
  const parsed = useMemo(() => parseFairnessFrames(data.series), [data.series]);
  if (!parsed.ok) {
    return <FrameProblem series={data.series} error={parsed.error} />;
  }
  if (parsed.data.length === 0) {
    return <PanelMessage>No sensitive attributes were measured in this range.</PanelMessage>;
  }
  const model = (data.request?.targets[0] as { model?: string } | undefined)?.model;
  return (
    <div className={styles.container} style={{ width, height }} data-testid={testIds.fairnessPanel.container}>
      {model && !model.startsWith('$') && (
        <a className={styles.link} href={modelUrl(model)}>
          Open {model}
        </a>
      )}
      <div className={styles.sections}>
        {parsed.data.map((a) => (
          <AttributeSection key={a.attribute} fairness={a} options={options} />
        ))}
      </div>
    </div>
  );
}

function AttributeSection({ fairness, options }: { fairness: AttributeFairness; options: FairnessOptions }) {
  const styles = useStyles2(getStyles);
  const { metric } = options;
  const target = bandTarget(fairness, metric);
  const reference = referenceGroup(fairness.groups, metric);
  const refValue = reference?.rates[metric] ?? null;
  const ratio = parityRatio(fairness);
  const scale = Math.max(1e-9, ...fairness.groups.map((g) => g.rates[metric] ?? 0), (refValue ?? 0) + (target ?? 0));
  const pct = (v: number) => `${Math.min(100, Math.max(0, (v / scale) * 100))}%`;

  return (
    <section className={styles.section} aria-label={`Fairness by ${fairness.attribute}`}>
      <h4 className={styles.heading}>
        {fairness.attribute} · {METRIC_LABELS[metric]}
      </h4>
      <div className={styles.n}>
        {target === null
          ? `No target for ${METRIC_LABELS[metric].toLowerCase()}: bars are shown without a band`
          : `Tolerated gap to ${reference?.group ?? 'the best group'}: ±${percent(target)} (the data source's target)`}
      </div>
      <div className={styles.badges}>
        {fairness.disparities.map((d) => (
          <Tooltip
            key={d.criterion}
            content={`${CRITERIA[d.criterion] ?? d.criterion}: ${d.value === null ? 'undefined' : d.value.toFixed(3)} (target ${d.target})`}
          >
            <span aria-label={`${CRITERIA[d.criterion] ?? d.criterion} ${d.pass ? 'passes' : 'fails'}`}>
              <Badge
                text={`${CRITERIA[d.criterion] ?? d.criterion}: ${d.pass ? 'pass' : 'fail'}`}
                color={d.pass ? 'green' : 'red'}
                icon={d.pass ? 'check' : 'exclamation-triangle'}
              />
            </span>
          </Tooltip>
        ))}
      </div>
      <div role="list" className={styles.bars}>
        {fairness.groups.map((g) => {
          const value = g.rates[metric];
          const inBand = withinBand(value, refValue, target);
          const isRef = reference?.group === g.group;
          const label = g.smallSample
            ? `${g.group}: too small to judge (n = ${g.n})`
            : `${g.group}: ${METRIC_LABELS[metric]} ${percent(value)}, n = ${g.n}${isRef ? ', reference group' : ''}${inBand === false ? ', outside the tolerated band' : ''}`;
          return (
            <div role="listitem" key={g.group} className={styles.row} aria-label={label}>
              <span className={styles.group}>
                {g.group}
                {isRef && <span className={styles.ref}> (reference)</span>}
              </span>
              <Tooltip content={label}>
                <div className={styles.track}>
                  {refValue !== null && target !== null && (
                    <div
                      className={styles.band}
                      style={{
                        left: pct(Math.max(0, refValue - target)),
                        width: `calc(${pct(refValue + target)} - ${pct(Math.max(0, refValue - target))})`,
                      }}
                    />
                  )}
                  {value !== null && (
                    <div
                      className={cx(
                        styles.bar,
                        g.smallSample && styles.small,
                        inBand === false && !g.smallSample && styles.outside
                      )}
                      style={{ width: pct(value) }}
                    />
                  )}
                </div>
              </Tooltip>
              <span className={styles.value}>{g.smallSample ? 'too small to judge' : percent(value)}</span>
              <span className={styles.n}>n = {g.n}</span>
            </div>
          );
        })}
      </div>
      <div
        className={styles.ratio}
        aria-label={`Demographic parity ratio ${ratio === null ? 'undefined' : ratio.toFixed(2)}, four-fifths line at 0.8`}
      >
        Parity ratio {ratio === null ? '–' : ratio.toFixed(2)}
        <div className={styles.ratioTrack}>
          {ratio !== null && (
            <div
              className={cx(styles.ratioBar, ratio < FOUR_FIFTHS && styles.outside)}
              style={{ width: `${ratio * 100}%` }}
            />
          )}
          <div className={styles.fourFifths} style={{ left: `${FOUR_FIFTHS * 100}%` }} title="four-fifths rule (0.8)" />
        </div>
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), overflow: 'auto' }),
  sections: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
    gap: theme.spacing(2),
  }),
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  heading: css({ margin: 0, fontSize: theme.typography.h5.fontSize }),
  badges: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
  bars: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  row: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(60px, 25%) 1fr auto auto',
    alignItems: 'center',
    gap: theme.spacing(1),
  }),
  group: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  ref: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  track: css({ position: 'relative', height: 14, background: theme.colors.background.secondary, borderRadius: 2 }),
  band: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    background: theme.colors.success.transparent,
    borderLeft: `1px dashed ${theme.colors.success.border}`,
    borderRight: `1px dashed ${theme.colors.success.border}`,
  }),
  bar: css({
    position: 'absolute',
    top: 3,
    bottom: 3,
    left: 0,
    background: theme.colors.primary.main,
    borderRadius: 1,
  }),
  outside: css({ background: theme.colors.error.main }),
  small: css({
    background: `repeating-linear-gradient(45deg, ${theme.colors.text.disabled}, ${theme.colors.text.disabled} 3px, transparent 3px, transparent 6px)`,
  }),
  value: css({ fontVariantNumeric: 'tabular-nums', fontSize: theme.typography.bodySmall.fontSize }),
  n: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  ratio: css({ fontSize: theme.typography.bodySmall.fontSize }),
  ratioTrack: css({
    position: 'relative',
    height: 10,
    background: theme.colors.background.secondary,
    borderRadius: 2,
    marginTop: 2,
  }),
  ratioBar: css({ position: 'absolute', top: 2, bottom: 2, left: 0, background: theme.colors.success.main }),
  fourFifths: css({ position: 'absolute', top: -2, bottom: -2, width: 2, background: theme.colors.text.primary }),
});
