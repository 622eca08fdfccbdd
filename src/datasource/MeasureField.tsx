import React from 'react';
import { Combobox, InlineField, type ComboboxOption } from '@grafana/ui';

import { testIds } from '../testIds';
import type { DataSource } from './datasource';
import type { AiperfQuery, MeasureInfo } from './types';
import { useResource } from './useResource';

interface Props {
  datasource: DataSource;
  query: AiperfQuery;
  labelWidth: number;
  onUpdate: (patch: Partial<AiperfQuery>) => void;
}

/** Options of the measure picker, described as the backend describes them. */
export function measureOptions(measures: MeasureInfo[] = []): Array<ComboboxOption<string>> {
  return measures.map((m) => ({
    label: m.value,
    value: m.value,
    description: m.dimension ? `${m.description} (label ${m.dimension})` : m.description,
  }));
}

/** The measure a `measures` query returns, listed by the backend's `measures` resource. */
export function MeasureField({ datasource, query, labelWidth, onUpdate }: Props) {
  const measures = useResource('measures', () => datasource.getResource<MeasureInfo[]>('measures'));
  const options = measureOptions(measures.value);
  return (
    <InlineField
      label="Measure"
      labelWidth={labelWidth}
      loading={measures.loading}
      tooltip="One number per model for an alert rule: most are ratios to the catalog's targets, so a condition '> 1' follows the catalog."
      invalid={Boolean(measures.error) || !query.measure}
      error={measures.error ?? 'Choose a measure: an alert measures query needs one.'}
    >
      <Combobox<string>
        id="aiperf-query-measure"
        data-testid={testIds.queryEditor.measure}
        width={40}
        placeholder="Choose a measure"
        options={options}
        value={options.find((o) => o.value === query.measure) ?? null}
        onChange={(option) => onUpdate({ measure: option.value })}
      />
    </InlineField>
  );
}
