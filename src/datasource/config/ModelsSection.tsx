import React from 'react';
import { ConfigSection, ConfigSubSection } from '@grafana/plugin-ui';
import { Button, Field, Input, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import { DEFAULT_TARGETS, type CatalogModel, type CatalogTargets } from './catalog';
import { parseNumber, updateCatalog, useCatalogErrors } from './edit';
import { TargetFields } from './TargetFields';

const TASKS = [
  { value: 'binary', label: 'Binary' },
  { value: 'multiclass', label: 'Multiclass' },
  { value: 'regression', label: 'Regression' },
];

type TextKey = 'id' | 'name' | 'owner' | 'riskClass' | 'version' | 'primaryMetric' | 'baselineEnd' | 'intendedPurpose';
type NumberKey =
  | 'baselineDays'
  | 'labelDelayHours'
  | 'expectedGapMinutes'
  | 'businessValuePerMonth'
  | 'budgetPerMonth'
  | 'retentionDays';

const TEXT_FIELDS: Array<{ key: TextKey; label: string; description: string; placeholder?: string }> = [
  {
    key: 'id',
    label: 'Id',
    description: 'lowercase letters, digits, . _ -; how queries name the model',
    placeholder: 'churn',
  },
  { key: 'name', label: 'Name', description: 'shown on pages' },
  { key: 'owner', label: 'Owner', description: 'person or team accountable' },
  { key: 'riskClass', label: 'Risk class', description: 'e.g. high, limited, minimal' },
  { key: 'version', label: 'Version', description: 'the version in production' },
  { key: 'primaryMetric', label: 'Primary metric', description: 'e.g. accuracy, f1, rmse', placeholder: 'accuracy' },
  {
    key: 'baselineEnd',
    label: 'Baseline ends',
    description: 'YYYY-MM-DD; empty compares with the days before the range',
    placeholder: '2026-01-31',
  },
  {
    key: 'intendedPurpose',
    label: 'Intended purpose',
    description: 'what the model is for; shown in the compliance report',
  },
];

const NUMBER_FIELDS: Array<{ key: NumberKey; label: string; description: string; integer: boolean }> = [
  { key: 'baselineDays', label: 'Baseline window', description: 'days', integer: true },
  { key: 'labelDelayHours', label: 'Label delay', description: 'hours until ground truth arrives', integer: false },
  {
    key: 'expectedGapMinutes',
    label: 'Expected gap',
    description: 'minutes without predictions that are still normal',
    integer: false,
  },
  {
    key: 'businessValuePerMonth',
    label: 'Business value',
    description: 'per month, in the declared currency',
    integer: false,
  },
  { key: 'budgetPerMonth', label: 'Budget', description: 'per month, in the declared currency', integer: false },
  { key: 'retentionDays', label: 'Retention', description: 'days prediction logs are kept', integer: true },
];

/** The model catalog: what each model is, who owns it and what it is held to. */
export function ModelsSection(props: ConfigSectionProps) {
  const { models = [], targets: fleetTargets = {} } = props.options.jsonData;
  const errors = useCatalogErrors(props);
  const fallback = { ...DEFAULT_TARGETS, ...definedOnly(fleetTargets) };
  const setModels = (next: CatalogModel[]) => updateCatalog(props, { models: next });
  const setModel = (i: number, patch: Partial<CatalogModel>) =>
    setModels(models.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  return (
    <ConfigSection
      title="Models"
      description="The models this data source reports on. Leave the list empty to use the demo fleet's catalog while the demo is on."
    >
      <Stack direction="column" gap={2}>
        {models.length === 0 && <Text color="secondary">No models declared.</Text>}
        {models.map((model, i) => {
          const at = `models[${i}]`;
          const fieldError = (field: string) => errors.get(`${at}.${field}`);
          const hasErrors = [...errors.keys()].some((field) => field.startsWith(`${at}.`));
          return (
            <ConfigSubSection
              key={i}
              title={model.name || model.id || `Model ${i + 1}`}
              isCollapsible
              // New models and models the backend would reject open; the rest stay folded.
              isInitiallyOpen={!model.id || hasErrors}
            >
              <Stack direction="row" wrap="wrap" gap={2}>
                {TEXT_FIELDS.map(({ key, label, description, placeholder }) => (
                  <Field
                    key={key}
                    label={label}
                    description={description}
                    invalid={Boolean(fieldError(key))}
                    error={fieldError(key)}
                  >
                    <Input
                      id={`aiperf-models-${i}-${key}`}
                      width={28}
                      placeholder={placeholder}
                      value={model[key] ?? ''}
                      onChange={(e) => setModel(i, { [key]: e.currentTarget.value || undefined })}
                    />
                  </Field>
                ))}
                <Field
                  label="Task"
                  description="decides which metrics apply"
                  error={fieldError('task')}
                  invalid={Boolean(fieldError('task'))}
                >
                  <RadioButtonGroup options={TASKS} value={model.task} onChange={(task) => setModel(i, { task })} />
                </Field>
                {NUMBER_FIELDS.map(({ key, label, description, integer }) => (
                  <Field
                    key={key}
                    label={label}
                    description={description}
                    invalid={Boolean(fieldError(key))}
                    error={fieldError(key)}
                  >
                    <Input
                      id={`aiperf-models-${i}-${key}`}
                      type="number"
                      width={18}
                      min={0}
                      step={integer ? 1 : 'any'}
                      value={model[key] ?? ''}
                      onChange={(e) => setModel(i, { [key]: parseNumber(e.currentTarget.value, integer) })}
                    />
                  </Field>
                ))}
              </Stack>
              <Text element="h5">Targets of {model.name || model.id || 'this model'}</Text>
              <TargetFields
                at={`${at}.targets`}
                targets={model.targets ?? {}}
                fallback={fallback}
                errorFor={(field) => errors.get(field)}
                onChange={(targets) => setModel(i, { targets })}
              />
              <Button
                variant="destructive"
                fill="outline"
                icon="trash-alt"
                onClick={() => setModels(models.filter((_, j) => j !== i))}
              >
                Remove {model.name || model.id || 'model'}
              </Button>
            </ConfigSubSection>
          );
        })}
        <div>
          <Button variant="secondary" icon="plus" onClick={() => setModels([...models, { id: '' }])}>
            Add model
          </Button>
        </div>
      </Stack>
    </ConfigSection>
  );
}

/** The fleet targets that are set, so unset ones fall back to the defaults. */
function definedOnly(targets: CatalogTargets): CatalogTargets {
  return Object.fromEntries(Object.entries(targets).filter(([, v]) => v !== undefined && v > 0));
}
