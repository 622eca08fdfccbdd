import React, { useEffect, useMemo, useRef } from 'react';
import { ConfigSubSection } from '@grafana/plugin-ui';
import { Button, Combobox, type ComboboxOption, Field, Input, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import { parseNumber } from './edit';
import { JsonListField } from './JsonListField';
import {
  COLUMN_ROLES,
  type ColumnMapping,
  type FeatureKind,
  type FeatureMapping,
  type ModelMapping,
  type TableColumn,
  type Task,
} from './inference';

interface Props {
  value: ColumnMapping;
  onChange: (value: ColumnMapping) => void;
  /** The table's columns, once the saved settings could list them. */
  columns?: TableColumn[];
  errors: Map<string, string>;
}

const TASKS: Array<{ label: string; value: Task }> = [
  { label: 'Binary', value: 'binary' },
  { label: 'Multiclass', value: 'multiclass' },
  { label: 'Regression', value: 'regression' },
];

const KINDS: Array<{ label: string; value: FeatureKind }> = [
  { label: 'Numeric', value: 'numeric' },
  { label: 'Categorical', value: 'categorical' },
];

/** Splits "a, b" into ["a", "b"]; empty means unset. */
function list(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** The columns a role may pick, with their types; a typed name is kept until the table can be read. */
function ColumnPicker(props: {
  id: string;
  value: string | undefined;
  /** One array for every picker, made once per column list. */
  options: Array<ComboboxOption<string>>;
  clearable: boolean;
  placeholder?: string;
  invalid: boolean;
  onChange: (name: string | undefined) => void;
}) {
  // Grafana's Combobox reports a selection again from a handler of an earlier render while the settings page
  // re-renders; passing those on loops the page. Only a column other than the current one is a change.
  const current = useRef(props.value);
  useEffect(() => {
    current.current = props.value;
  }, [props.value]);
  const change = (name: string | undefined) => {
    if (name !== current.current) {
      current.current = name;
      props.onChange(name);
    }
  };
  const common = {
    id: props.id,
    width: 40,
    options: props.options,
    value: props.value ?? null,
    placeholder: props.placeholder,
    invalid: props.invalid,
    createCustomValue: true,
    customValueDescription: 'A column not listed (the table is read from the saved settings)',
  };
  return props.clearable ? (
    <Combobox<string> {...common} isClearable onChange={(o) => change(o?.value || undefined)} />
  ) : (
    <Combobox<string> {...common} onChange={(o) => change(o.value || undefined)} />
  );
}

/** Min and max side by side; it takes the Field's `invalid` so that it does not reach the DOM. */
function Range({ children }: { invalid?: boolean; children: React.ReactNode }) {
  return (
    <Stack direction="row" gap={1}>
      {children}
    </Stack>
  );
}

/** Which column holds what: the schema contract adapted to the user's own table (README "Inference logs"). */
export function InferenceMapping({ value, onChange, columns, errors }: Props) {
  const options = useMemo(
    () =>
      (columns ?? []).map((c) => ({
        value: c.name,
        label: c.name,
        description: `${c.type}${c.nullable ? ', nullable' : ''}`,
      })),
    [columns]
  );
  const task = value.task ?? 'binary';
  const features = value.features ?? [];
  const sensitive = value.sensitive ?? [];
  const field = (key: string) => ({ invalid: errors.has(key), error: errors.get(key) });
  const setFeatures = (next: FeatureMapping[]) => onChange({ ...value, features: next.length > 0 ? next : undefined });
  const setFeature = (i: number, f: FeatureMapping) => setFeatures(features.map((old, j) => (j === i ? f : old)));
  const setSensitive = (next: string[]) => onChange({ ...value, sensitive: next.length > 0 ? next : undefined });
  const used = new Set<string>([
    ...COLUMN_ROLES.map((r) => value[r.key]).filter((c): c is string => Boolean(c)),
    ...features.map((f) => f.column),
    ...sensitive,
  ]);
  const unmapped = (columns ?? []).filter(
    (c) => !used.has(c.name) && ['float', 'integer', 'text', 'boolean'].includes(c.class)
  );
  return (
    <>
      <ConfigSubSection title="Table">
        <Field
          label="Table"
          description="The table or view of predictions: table or schema.table (ClickHouse: database.table)."
          required
          {...field('table')}
        >
          <Input
            id="aiperf-inference-table"
            width={40}
            placeholder="predictions"
            value={value.table ?? ''}
            onChange={(e) => onChange({ ...value, table: e.currentTarget.value || undefined })}
          />
        </Field>
        {COLUMN_ROLES.map((role) => (
          <Field
            key={role.key}
            label={`${role.label} column`}
            description={role.description}
            required={role.required}
            {...field(role.key)}
          >
            <ColumnPicker
              id={`aiperf-inference-${role.key}`}
              value={value[role.key]}
              options={options}
              clearable={!role.required}
              placeholder={role.contract}
              invalid={errors.has(role.key)}
              onChange={(name) => onChange({ ...value, [role.key]: name })}
            />
          </Field>
        ))}
      </ConfigSubSection>
      <ConfigSubSection title="Task" description="For every model without an entry of its own below.">
        <Field label="Task" {...field('task')}>
          <RadioButtonGroup<Task>
            options={TASKS}
            value={task}
            onChange={(t) => onChange({ ...value, task: t === 'binary' ? undefined : t })}
          />
        </Field>
        {task === 'binary' && (
          <Field
            label="Decision threshold"
            description="A score at or above it predicts 1; 0.5 when empty."
            {...field('threshold')}
          >
            <Input
              id="aiperf-inference-threshold"
              type="number"
              width={16}
              step={0.05}
              min={0}
              max={1}
              placeholder="0.5"
              value={value.threshold ?? ''}
              onChange={(e) => onChange({ ...value, threshold: parseNumber(e.currentTarget.value) })}
            />
          </Field>
        )}
        {task === 'multiclass' && (
          <Field
            label="Classes"
            description="Comma-separated, as the prediction and label columns hold them."
            required
            {...field('classes')}
          >
            <Input
              id="aiperf-inference-classes"
              width={60}
              placeholder="cat, dog, bird"
              defaultValue={(value.classes ?? []).join(', ')}
              onBlur={(e) => onChange({ ...value, classes: list(e.currentTarget.value) })}
            />
          </Field>
        )}
      </ConfigSubSection>
      <ConfigSubSection
        title="Features"
        description="Input columns watched for drift and data quality: numeric ones are binned at the baseline's quantiles, categorical ones counted by value. Min and max, or the allowed values (comma-separated), declare what is valid; empty: the baseline's range widened by 10%, or its values."
      >
        <Stack direction="column" gap={1}>
          {features.length === 0 && <Text color="secondary">No features mapped.</Text>}
          {features.map((f, i) => (
            // Keyed by column too: the allowed values are typed freely and kept by the input until it loses focus.
            <Stack key={`${i}:${f.column}`} direction="row" gap={1} alignItems="flex-start" wrap="wrap">
              <Field label={i === 0 ? 'Column' : undefined} {...field(`features[${i}].column`)}>
                <ColumnPicker
                  id={`aiperf-inference-feature-${i}`}
                  value={f.column}
                  options={options}
                  clearable={false}
                  invalid={errors.has(`features[${i}].column`)}
                  onChange={(name) => setFeature(i, { ...f, column: name ?? '' })}
                />
              </Field>
              <Field label={i === 0 ? 'Kind' : undefined}>
                <RadioButtonGroup<FeatureKind>
                  options={KINDS}
                  value={f.kind}
                  onChange={(kind) => setFeature(i, { column: f.column, kind })}
                />
              </Field>
              <Field label={i === 0 ? 'Valid range or values' : undefined} {...field(`features[${i}].min`)}>
                {f.kind === 'numeric' ? (
                  <Range>
                    <Input
                      aria-label={`Feature ${i + 1} min`}
                      type="number"
                      width={12}
                      placeholder="min"
                      value={f.min ?? ''}
                      onChange={(e) => setFeature(i, { ...f, min: parseNumber(e.currentTarget.value) })}
                    />
                    <Input
                      aria-label={`Feature ${i + 1} max`}
                      type="number"
                      width={12}
                      placeholder="max"
                      value={f.max ?? ''}
                      onChange={(e) => setFeature(i, { ...f, max: parseNumber(e.currentTarget.value) })}
                    />
                  </Range>
                ) : (
                  <Input
                    aria-label={`Feature ${i + 1} allowed values`}
                    width={25}
                    placeholder="the baseline's values"
                    defaultValue={(f.values ?? []).join(', ')}
                    onBlur={(e) => setFeature(i, { ...f, values: list(e.currentTarget.value) })}
                  />
                )}
              </Field>
              <Field label={i === 0 ? <>&nbsp;</> : undefined}>
                <Button
                  variant="secondary"
                  icon="trash-alt"
                  aria-label={`Remove feature ${i + 1}`}
                  onClick={() => setFeatures(features.filter((_, j) => j !== i))}
                />
              </Field>
            </Stack>
          ))}
          <Stack direction="row" gap={1}>
            <Button
              variant="secondary"
              icon="plus"
              onClick={() => setFeatures([...features, { column: '', kind: 'numeric' }])}
            >
              Add feature
            </Button>
            {unmapped.length > 0 && (
              <Button
                variant="secondary"
                onClick={() =>
                  setFeatures([
                    ...features,
                    ...unmapped.map((c) => ({
                      column: c.name,
                      kind: (c.class === 'float' || c.class === 'integer' ? 'numeric' : 'categorical') as FeatureKind,
                    })),
                  ])
                }
              >
                Map the {unmapped.length} unmapped columns as features
              </Button>
            )}
          </Stack>
        </Stack>
      </ConfigSubSection>
      <ConfigSubSection
        title="Sensitive attributes"
        description="Columns whose groups fairness compares (text, integer or boolean); they need not be model inputs."
      >
        <Stack direction="column" gap={1}>
          {sensitive.map((s, i) => (
            <Stack key={i} direction="row" gap={1} alignItems="flex-start">
              <Field {...field(`sensitive[${i}]`)}>
                <ColumnPicker
                  id={`aiperf-inference-sensitive-${i}`}
                  value={s}
                  options={options}
                  clearable={false}
                  invalid={errors.has(`sensitive[${i}]`)}
                  onChange={(name) => setSensitive(sensitive.map((old, j) => (j === i ? (name ?? '') : old)))}
                />
              </Field>
              <Button
                variant="secondary"
                icon="trash-alt"
                aria-label={`Remove sensitive attribute ${i + 1}`}
                onClick={() => setSensitive(sensitive.filter((_, j) => j !== i))}
              />
            </Stack>
          ))}
          <div>
            <Button variant="secondary" icon="plus" onClick={() => setSensitive([...sensitive, ''])}>
              Add sensitive attribute
            </Button>
          </div>
        </Stack>
      </ConfigSubSection>
      <ConfigSubSection
        title="Per model"
        description="Needed only when models share the table but not their features, or differ in task."
      >
        <JsonListField<ModelMapping>
          label="Model entries"
          id="aiperf-inference-models"
          description='Each: {"id" (as the model column holds it), "task", "threshold", "classes", "features" and "sensitive" (lists of mapped columns this model logs; left out: all of them)}.'
          placeholder='[{"id": "churn", "features": ["tenure", "plan"], "sensitive": ["gender"]}]'
          value={value.models}
          onChange={(models) => onChange({ ...value, models })}
        />
        {[...errors.entries()]
          .filter(([k]) => k.startsWith('models['))
          .map(([k, problem]) => (
            <Text key={k} color="error" variant="bodySmall">
              {k}: {problem}
            </Text>
          ))}
      </ConfigSubSection>
    </>
  );
}
