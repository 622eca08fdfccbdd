import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Text, useStyles2 } from '@grafana/ui';

import type { ResourceState } from '../useResource';
import type { MappingPreview } from './inference';

interface Props {
  preview: ResourceState<MappingPreview>;
}

/** The first rows of every mapped column, as the saved mapping reads them; NULL shown as such. */
export function InferencePreview({ preview }: Props) {
  const styles = useStyles2(getStyles);
  if (preview.loading) {
    return <Text color="secondary">Reading the first rows…</Text>;
  }
  if (preview.error) {
    return (
      <Alert severity="warning" title="The mapped columns could not be previewed">
        {preview.error}
      </Alert>
    );
  }
  const p = preview.value;
  if (!p) {
    return null;
  }
  return (
    <>
      {p.missing && p.missing.length > 0 && (
        <Alert severity="error" title="Mapped columns the table does not have">
          {p.missing.join(', ')}: pick columns the table has, then save.
        </Alert>
      )}
      {p.rows.length === 0 ? (
        <Text color="secondary">The table has no rows yet.</Text>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table} aria-label="Preview of the mapped columns">
            <thead>
              <tr>
                {p.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <td key={j} className={v === null ? styles.null : undefined}>
                      {v ?? 'NULL'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({
    overflowX: 'auto',
    maxWidth: '100%',
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  table: css({
    borderCollapse: 'collapse',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
    'th, td': {
      padding: theme.spacing(0.5, 1),
      textAlign: 'left',
      whiteSpace: 'nowrap',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: {
      background: theme.colors.background.secondary,
      fontWeight: theme.typography.fontWeightMedium,
    },
    'tbody tr:last-child td': {
      borderBottom: 'none',
    },
  }),
  null: css({
    color: theme.colors.text.disabled,
    fontStyle: 'italic',
  }),
});
