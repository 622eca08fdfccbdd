import React, { useEffect, useMemo, useRef } from 'react';
import { CoreApp, type QueryEditorProps } from '@grafana/data';
import { Alert, Combobox, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import { testIds } from '../testIds';
import type { DataSource } from './datasource';
import { modelOptions, queryTypeOptions, selectedOption, variableOptions } from './pickerOptions';
import { OPTIONAL_FIELDS, findQueryType, usesField } from './queryTypes';
import { QueryOptionFields } from './QueryOptionFields';
import type { AiperfDataSourceOptions, AiperfQuery, QueryType } from './types';
import { useResource } from './useResource';
import { validateQuery, type QueryIssue } from './validation';

type Props = QueryEditorProps<DataSource, AiperfQuery, AiperfDataSourceOptions>;

const LABEL_WIDTH = 14;

export function QueryEditor({ datasource, query, onChange, onRunQuery, app }: Props) {
  // The query types are declared once, in the backend (pkg/query/types.go), and read from it.
  const queryTypes = useResource('query-types', () => datasource.getQueryTypes());
  const types = queryTypes.value;
  const models = useResource('models', () => datasource.getModels());
  const variables = useMemo(() => variableOptions(), []);

  const info = findQueryType(query.queryType, types);
  const issues = validateQuery(query, types);
  const issueFor = (field: QueryIssue['field']) => issues.find((issue) => issue.field === field)?.message;

  /** Every edit goes through here: the query runs as soon as nothing required is missing. */
  const update = (patch: Partial<AiperfQuery>) => {
    const next = { ...query, ...patch };
    onChange(next);
    if (validateQuery(next, types).length === 0) {
      onRunQuery();
    }
  };

  const onQueryTypeChange = (queryType: QueryType) => {
    // Drop fields the new type does not read, so the saved query says only what it means.
    const patch: Partial<AiperfQuery> = { queryType };
    for (const field of OPTIONAL_FIELDS) {
      if (!usesField(queryType, field)) {
        patch[field] = undefined;
      }
    }
    update(patch);
  };

  // A query without a type (a new panel's, after its data source changed) starts on the
  // data source's default query instead of an error.
  useEffect(() => {
    if (!query.queryType) {
      const defaults = datasource.getDefaultQuery(app ?? CoreApp.Unknown);
      onChange({ ...defaults, ...query, queryType: defaults.queryType });
    }
    // Only a query that arrives without a type needs it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.queryType]);

  // A new query starts on the first model of the catalog once the catalog is known.
  const firstModel = models.value?.[0]?.id;
  const prefilled = useRef(false);
  useEffect(() => {
    if (!prefilled.current && firstModel && query.model === undefined && info?.needsModel) {
      prefilled.current = true;
      update({ model: firstModel });
    }
    // Runs once, when the catalog arrives; later edits are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstModel]);

  const typeOptions = queryTypeOptions(types);
  const allModelOptions = [...modelOptions(models.value), ...variables];

  return (
    <Stack direction="column" gap={1}>
      {queryTypes.error && (
        <Alert
          severity="error"
          title="Could not load the query types from the data source"
          data-testid={testIds.queryEditor.queryTypesError}
        >
          {queryTypes.error} — check the data source&apos;s health on its settings page, then reopen this editor.
        </Alert>
      )}
      {models.error && (
        <Alert
          severity="error"
          title="Could not load the model catalog"
          data-testid={testIds.queryEditor.resourceError}
        >
          {models.error}
        </Alert>
      )}
      <InlineFieldRow>
        <InlineField
          label="Query type"
          labelWidth={LABEL_WIDTH}
          loading={queryTypes.loading}
          tooltip={
            info?.description ?? 'What to compute; see the data source documentation for the frames each type returns.'
          }
          invalid={Boolean(issueFor('queryType'))}
          error={issueFor('queryType')}
        >
          <Combobox<string>
            id="aiperf-query-type"
            data-testid={testIds.queryEditor.queryType}
            width={36}
            placeholder={queryTypes.loading ? 'Loading query types…' : 'Choose a query type'}
            options={typeOptions}
            value={selectedOption(query.queryType, typeOptions)}
            onChange={(option) => onQueryTypeChange(option.value as QueryType)}
          />
        </InlineField>
        <InlineField
          label="Model"
          labelWidth={LABEL_WIDTH}
          // InlineField hands loading/disabled/invalid down to its child, overriding the child's own props.
          loading={models.loading}
          tooltip={info?.needsModel ? 'Model from the catalog.' : 'Leave empty for every model in the catalog.'}
          invalid={Boolean(issueFor('model'))}
          error={issueFor('model')}
        >
          <Combobox<string>
            id="aiperf-query-model"
            data-testid={testIds.queryEditor.model}
            width={32}
            placeholder={info?.needsModel ? 'Choose a model' : 'All models'}
            options={allModelOptions}
            value={selectedOption(query.model, allModelOptions)}
            createCustomValue
            isClearable
            onChange={(option) => update({ model: option?.value })}
          />
        </InlineField>
      </InlineFieldRow>
      <QueryOptionFields
        datasource={datasource}
        query={query}
        variables={variables}
        labelWidth={LABEL_WIDTH}
        issueFor={issueFor}
        onUpdate={update}
      />
    </Stack>
  );
}
