import React, { useEffect } from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, Input } from '@grafana/ui';

import { testIds } from '../testIds';
import type { DataSource } from './datasource';
import { VariableResource, type AiperfDataSourceOptions, type AiperfQuery, type AiperfVariableQuery } from './types';

type Props = QueryEditorProps<DataSource, AiperfQuery, AiperfDataSourceOptions, AiperfVariableQuery>;

const RESOURCE_OPTIONS = [
  { value: VariableResource.Models, label: 'Models', description: 'Every model in the catalog (value: model id)' },
  { value: VariableResource.Features, label: 'Features', description: 'Input features of one model' },
  {
    value: VariableResource.Attributes,
    label: 'Sensitive attributes',
    description: 'Fairness attributes of one model',
  },
];

/** Edits the query of a template variable: which catalog list to read, and for which model. */
export function VariableQueryEditor({ query, onChange }: Props) {
  const resource = query.resource ?? VariableResource.Models;
  const needsModel = resource !== VariableResource.Models;
  const modelMissing = needsModel && !query.model;

  // A new variable's query is empty: store the list it shows, so what runs is what is saved.
  useEffect(() => {
    if (!query.resource) {
      onChange({ ...query, refId: query.refId ?? 'variable', resource: VariableResource.Models });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.resource]);

  return (
    <InlineFieldRow>
      <InlineField label="List" labelWidth={12}>
        <Combobox<VariableResource>
          id="aiperf-variable-resource"
          data-testid={testIds.queryEditor.variableResource}
          width={30}
          options={RESOURCE_OPTIONS}
          value={resource}
          onChange={(option) => onChange({ ...query, resource: option.value })}
        />
      </InlineField>
      {needsModel && (
        <InlineField
          label="Model"
          labelWidth={12}
          tooltip="Model id, or a variable such as $model to chain this variable to it."
          invalid={modelMissing}
          error={
            modelMissing ? 'Enter a model: listing features or attributes needs one (for example $model).' : undefined
          }
        >
          <Input
            id="aiperf-variable-model"
            data-testid={testIds.queryEditor.variableModel}
            width={30}
            placeholder="$model"
            defaultValue={query.model ?? ''}
            onBlur={(event) => onChange({ ...query, model: event.currentTarget.value.trim() || undefined })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
