import React, { useMemo, useState } from 'react';
import { ConfigSection, ConfigSubSection } from '@grafana/plugin-ui';
import { Alert, Button, Field, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import { InferenceConnection } from './InferenceConnection';
import { InferenceMapping } from './InferenceMapping';
import { InferencePreview } from './InferencePreview';
import {
  INFERENCE_SECRETS,
  isStore,
  validateInference,
  type ColumnMapping,
  type InferenceConnector,
  type InferenceSettings,
  type StoreInference,
} from './inference';
import { useInferenceTable } from './inferenceResources';

type Choice = InferenceConnector | 'none';

const CHOICES: Array<{ label: string; value: Choice; description: string }> = [
  { label: 'None', value: 'none', description: 'No prediction logs: quality, drift and fairness queries say so.' },
  { label: 'Demo fleet', value: 'demo', description: "The built-in simulator's prediction logs." },
  { label: 'PostgreSQL', value: 'postgres', description: 'A table or view of predictions in PostgreSQL.' },
  { label: 'ClickHouse', value: 'clickhouse', description: 'A table (local or Distributed) or view in ClickHouse.' },
];

/** The column mapping's keys: what survives a switch between the two stores. */
const MAPPING_KEYS: Array<keyof ColumnMapping> = [
  'table',
  'timeColumn',
  'modelColumn',
  'versionColumn',
  'requestIdColumn',
  'scoreColumn',
  'predictionColumn',
  'labelColumn',
  'task',
  'threshold',
  'classes',
  'features',
  'sensitive',
  'models',
];

function inferenceOf(props: ConfigSectionProps): InferenceSettings | undefined {
  return props.options.jsonData.inference;
}

/** The settings after choosing another connector: a store keeps the other store's column mapping. */
function switchTo(choice: Choice, current: InferenceSettings | undefined): InferenceSettings | undefined {
  if (choice === 'none') {
    return undefined;
  }
  if (choice === 'demo') {
    return { connector: 'demo' };
  }
  const mapping = isStore(current)
    ? Object.fromEntries(MAPPING_KEYS.filter((k) => current[k] !== undefined).map((k) => [k, current[k]]))
    : {};
  return { ...mapping, connector: choice } as StoreInference;
}

/**
 * The Inference logs section: where prediction logs and labels are read from, summarised in the database. The
 * password and TLS material are secrets under `inference.<key>`; leaving the stores drops them.
 */
export function InferenceSection(props: ConfigSectionProps) {
  const inference = inferenceOf(props);
  const store = isStore(inference) ? inference : undefined;
  const [refresh, setRefresh] = useState(0);
  const { columns, preview } = useInferenceTable(props, Boolean(store), refresh);
  const errors = useMemo(
    () => new Map(validateInference(store, columns.value).map((e) => [e.field, e.problem])),
    [store, columns.value]
  );

  const choose = (choice: Choice) => {
    const next = switchTo(choice, inference);
    const secure = { ...(props.options.secureJsonData as Record<string, string> | undefined) };
    const fields = { ...props.options.secureJsonFields };
    if (!isStore(next)) {
      for (const key of Object.values(INFERENCE_SECRETS)) {
        secure[key] = '';
        fields[key] = false;
      }
    }
    props.onOptionsChange({
      ...props.options,
      jsonData: { ...props.options.jsonData, inference: next },
      secureJsonData: secure,
      secureJsonFields: fields,
    });
  };
  const update = (next: StoreInference) =>
    props.onOptionsChange({ ...props.options, jsonData: { ...props.options.jsonData, inference: next } });

  return (
    <ConfigSection
      title="Inference logs"
      description="Prediction logs and late-arriving labels, read where they are kept. Quality, drift, fairness, data quality and the label-free estimates are summarised in the database (one aggregating scan per query); only aggregates reach Grafana."
    >
      <Stack direction="column" gap={1}>
        <Field
          label="Read prediction logs from"
          description={CHOICES.find((c) => c.value === (inference?.connector ?? 'none'))?.description}
        >
          <RadioButtonGroup<Choice> options={CHOICES} value={inference?.connector ?? 'none'} onChange={choose} />
        </Field>
        {inference && props.options.jsonData.demoEnabled === true && (
          <Alert severity="warning" title="The demo fleet is on">
            The data source refuses connectors while the demo fleet is on: turn it off in the Built-in demo fleet
            section above, or keep the demo in a data source of its own.
          </Alert>
        )}
        {store && (
          <>
            <InferenceConnection section={props} value={store} onChange={update} errors={errors} />
            <InferenceMapping
              value={store}
              onChange={(m) => update({ ...store, ...m })}
              columns={columns.value}
              errors={errors}
            />
            <ConfigSubSection
              title="Columns and preview"
              description="Read from the saved settings, so they reload after each Save & test: save the connection first, then pick the columns, save again and check the preview."
            >
              <Stack direction="column" gap={1}>
                {columns.loading && <Text color="secondary">Listing the table&apos;s columns…</Text>}
                {columns.error && (
                  <Alert severity="info" title="The table's columns could not be listed">
                    {columns.error}
                  </Alert>
                )}
                {columns.value && (
                  <Text color="secondary">
                    {columns.value.length} columns in the saved table; the pickers above offer them with their types.
                  </Text>
                )}
                {!columns.error && <InferencePreview preview={preview} />}
                <div>
                  <Button variant="secondary" icon="sync" onClick={() => setRefresh((n) => n + 1)}>
                    Read the saved table again
                  </Button>
                </div>
              </Stack>
            </ConfigSubSection>
          </>
        )}
      </Stack>
    </ConfigSection>
  );
}
