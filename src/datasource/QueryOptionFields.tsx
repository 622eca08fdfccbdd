import React from 'react';
import {
  Alert,
  Combobox,
  InlineField,
  InlineFieldRow,
  MultiCombobox,
  RadioButtonGroup,
  type ComboboxOption,
} from '@grafana/ui';

import { testIds } from '../testIds';
import type { DataSource } from './datasource';
import { MeasureField } from './MeasureField';
import {
  GROUP_BY_OPTIONS,
  METHOD_OPTIONS,
  METRIC_OPTIONS,
  attributeOptions,
  featureOptions,
  selectedOption,
} from './pickerOptions';
import { OPTIONAL_FIELDS, usesField, type OptionalField } from './queryTypes';
import type { AiperfQuery, CostGroupBy, DriftMethod } from './types';
import { useResource } from './useResource';
import type { QueryIssue } from './validation';

interface Props {
  datasource: DataSource;
  query: AiperfQuery;
  variables: Array<ComboboxOption<string>>;
  labelWidth: number;
  issueFor: (field: QueryIssue['field']) => string | undefined;
  onUpdate: (patch: Partial<AiperfQuery>) => void;
}

/** The fields only some query types read: feature, attribute, metrics, drift method, cost grouping. */
export function QueryOptionFields({ datasource, query, variables, labelWidth, issueFor, onUpdate }: Props) {
  const show = (field: OptionalField) => usesField(query.queryType, field);
  const features = useResource(show('feature') ? query.model || undefined : undefined, (model) =>
    datasource.getFeatures(model)
  );
  const attributes = useResource(show('attribute') ? query.model || undefined : undefined, (model) =>
    datasource.getAttributes(model)
  );

  const allFeatureOptions = [...featureOptions(features.value), ...variables];
  const allAttributeOptions = [...attributeOptions(attributes.value), ...variables];
  const allMetricOptions = [...METRIC_OPTIONS, ...variables];
  const loadError = features.error
    ? { title: 'Could not load the features of this model', message: features.error }
    : attributes.error
      ? { title: 'Could not load the sensitive attributes of this model', message: attributes.error }
      : undefined;

  if (!OPTIONAL_FIELDS.some(show)) {
    return null;
  }
  return (
    <>
      {loadError && (
        <Alert severity="error" title={loadError.title} data-testid={testIds.queryEditor.resourceError}>
          {loadError.message}
        </Alert>
      )}
      <InlineFieldRow>
        {show('feature') && (
          <InlineField
            label="Feature"
            labelWidth={labelWidth}
            loading={features.loading}
            disabled={!query.model}
            tooltip="Input feature whose baseline and current distributions to compare."
            invalid={Boolean(issueFor('feature'))}
            error={issueFor('feature')}
          >
            <Combobox<string>
              id="aiperf-query-feature"
              data-testid={testIds.queryEditor.feature}
              width={32}
              placeholder={query.model ? 'Choose a feature' : 'Choose a model first'}
              options={allFeatureOptions}
              value={selectedOption(query.feature, allFeatureOptions)}
              createCustomValue
              isClearable
              onChange={(option) => onUpdate({ feature: option?.value })}
            />
          </InlineField>
        )}
        {show('attribute') && (
          <InlineField
            label="Attribute"
            labelWidth={labelWidth}
            loading={attributes.loading}
            tooltip="Sensitive attribute to compare groups on; leave empty for every attribute."
            invalid={Boolean(issueFor('attribute'))}
            error={issueFor('attribute')}
          >
            <Combobox<string>
              id="aiperf-query-attribute"
              data-testid={testIds.queryEditor.attribute}
              width={32}
              placeholder="All attributes"
              options={allAttributeOptions}
              value={selectedOption(query.attribute, allAttributeOptions)}
              createCustomValue
              isClearable
              onChange={(option) => onUpdate({ attribute: option?.value })}
            />
          </InlineField>
        )}
        {show('metrics') && (
          <InlineField
            label="Metrics"
            labelWidth={labelWidth}
            tooltip="Metrics to return; leave empty for the defaults of the model's task."
          >
            <MultiCombobox<string>
              id="aiperf-query-metrics"
              data-testid={testIds.queryEditor.metrics}
              width={48}
              placeholder="Defaults for the model's task"
              options={allMetricOptions}
              value={query.metrics ?? []}
              isClearable
              onChange={(options) => onUpdate({ metrics: options.map((o) => o.value) })}
            />
          </InlineField>
        )}
        {show('method') && (
          <InlineField label="Method" labelWidth={labelWidth} tooltip="Drift test or distance per feature.">
            <Combobox<DriftMethod>
              id="aiperf-query-method"
              data-testid={testIds.queryEditor.method}
              width={28}
              options={METHOD_OPTIONS}
              value={query.method ?? 'auto'}
              onChange={(option) => onUpdate({ method: option.value })}
            />
          </InlineField>
        )}
        {show('measure') && (
          <MeasureField datasource={datasource} query={query} labelWidth={labelWidth} onUpdate={onUpdate} />
        )}
        {show('groupBy') && (
          <InlineField label="Group by" labelWidth={labelWidth} tooltip="One series per spend category, model or provider, in each currency billed.">
            <RadioButtonGroup<CostGroupBy>
              data-testid={testIds.queryEditor.groupBy}
              options={GROUP_BY_OPTIONS}
              value={query.groupBy ?? 'category'}
              onChange={(groupBy) => onUpdate({ groupBy })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
    </>
  );
}
