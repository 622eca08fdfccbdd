import React, { useState } from 'react';
import { Field, Input, RadioButtonGroup, SecretInput, Stack, Switch, Text } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import type { AiperfDataSourceOptions } from '../types';

/** Tag keys the catalog fields are read from (pkg/sources/registry/mlflow TagKeys). */
export interface RegistryTagKeys {
  owner?: string;
  riskClass?: string;
  intendedPurpose?: string;
  task?: string;
  primaryMetric?: string;
}

/** The `registry` section of jsonData (pkg/sources/registry/mlflow Settings). */
export interface RegistrySettings {
  connector: 'mlflow';
  url: string;
  productionAlias?: string;
  versionTag?: string;
  tagKeys?: RegistryTagKeys;
  timeoutSeconds?: number;
}

/** Another registry connector (the demo fleet's catalog) keeps its own section shape. */
type OtherRegistry = { connector: string };
type Options = AiperfDataSourceOptions & { registry?: RegistrySettings | OtherRegistry };
type Auth = 'none' | 'basic' | 'bearer';

/** Secrets of the section, filed under `registry.<key>` in secureJsonData. */
const SECRET_KEYS = { username: 'registry.username', password: 'registry.password', token: 'registry.token' } as const;

const TAG_FIELDS: Array<{ key: keyof RegistryTagKeys; label: string; fallback: string }> = [
  { key: 'owner', label: 'Owner tag', fallback: 'owner' },
  { key: 'riskClass', label: 'Risk class tag', fallback: 'risk_class' },
  { key: 'intendedPurpose', label: 'Intended purpose tag', fallback: 'intended_purpose' },
  { key: 'task', label: 'Task tag', fallback: 'task' },
  { key: 'primaryMetric', label: 'Primary metric tag', fallback: 'primary_metric' },
];

function registryOf(props: ConfigSectionProps): RegistrySettings | OtherRegistry | undefined {
  return (props.options.jsonData as Options).registry;
}

function isMLflow(r: RegistrySettings | OtherRegistry | undefined): r is RegistrySettings {
  return r?.connector === 'mlflow';
}

function update(props: ConfigSectionProps, registry: RegistrySettings | undefined) {
  props.onOptionsChange({ ...props.options, jsonData: { ...props.options.jsonData, registry } as Options });
}

function isSet(props: ConfigSectionProps, key: string): boolean {
  return Boolean((props.options.secureJsonFields as Record<string, boolean> | undefined)?.[key]);
}

/** Sets, or clears with '', secrets in one change; cleared ones stop showing as configured. */
function setSecrets(props: ConfigSectionProps, values: Record<string, string>) {
  const cleared = Object.fromEntries(
    Object.keys(values)
      .filter((k) => values[k] === '')
      .map((k) => [k, false])
  );
  props.onOptionsChange({
    ...props.options,
    secureJsonFields: { ...props.options.secureJsonFields, ...cleared },
    secureJsonData: { ...(props.options.secureJsonData as Record<string, string> | undefined), ...values },
  });
}

/** The authentication in use, read from which secrets are stored. */
function storedAuth(props: ConfigSectionProps): Auth {
  if (isSet(props, SECRET_KEYS.token)) {
    return 'bearer';
  }
  return isSet(props, SECRET_KEYS.username) || isSet(props, SECRET_KEYS.password) ? 'basic' : 'none';
}

const AUTH_OPTIONS: Array<{ label: string; value: Auth }> = [
  { label: 'None', value: 'none' },
  { label: 'Basic (MLflow auth)', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

/** The Model registry section: the catalog read from MLflow, under what the settings declare. */
export function RegistrySection(props: ConfigSectionProps) {
  const configured = registryOf(props);
  const registry = isMLflow(configured) ? configured : undefined;
  const [auth, setAuth] = useState<Auth>(() => storedAuth(props));
  const secret = (key: string, label: string, id: string) => (
    <Field label={label}>
      <SecretInput
        id={id}
        width={40}
        isConfigured={isSet(props, key)}
        value={(props.options.secureJsonData as Record<string, string> | undefined)?.[key] ?? ''}
        onChange={(e) => setSecrets(props, { [key]: e.currentTarget.value })}
        onReset={() => setSecrets(props, { [key]: '' })}
      />
    </Field>
  );
  const chooseAuth = (next: Auth) => {
    setAuth(next);
    // The server accepts one kind of credentials: drop the other kind's.
    const drop: string[] =
      next === 'bearer'
        ? [SECRET_KEYS.username, SECRET_KEYS.password]
        : next === 'basic'
          ? [SECRET_KEYS.token]
          : Object.values(SECRET_KEYS);
    setSecrets(props, Object.fromEntries(drop.map((k) => [k, ''])));
  };
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Model registry</Text>
      <Text color="secondary">
        Reads the model catalog from an MLflow model registry: every registered model with its versions, the version
        production points at (an alias such as champion, or the Production stage where still used), and owner, risk
        class, intended purpose, task and primary metric from tags. What the Models section declares wins over the
        registry; the Compliance page says which facts came from where, and compares the version serving with the
        registry&apos;s production version.
      </Text>
      {configured && !registry && (
        <Text color="secondary">
          The catalog now comes from the {configured.connector} registry connector; turning MLflow on replaces it.
        </Text>
      )}
      <Field label="Read the model catalog from MLflow">
        <Switch
          id="aiperf-config-registry"
          value={Boolean(registry)}
          onChange={(e) => update(props, e.currentTarget.checked ? { connector: 'mlflow', url: '' } : undefined)}
        />
      </Field>
      {registry && (
        <>
          <Field label="URL" description="The MLflow tracking server's base address, without /api." required>
            <Input
              id="aiperf-registry-url"
              width={60}
              placeholder="http://mlflow:5000"
              value={registry.url}
              onChange={(e) => update(props, { ...registry, url: e.currentTarget.value })}
            />
          </Field>
          <Field label="Authentication" description="Stored encrypted; never sent back to the browser.">
            <RadioButtonGroup<Auth> options={AUTH_OPTIONS} value={auth} onChange={chooseAuth} />
          </Field>
          {auth === 'basic' && (
            <>
              {secret(SECRET_KEYS.username, 'Username', 'aiperf-registry-username')}
              {secret(SECRET_KEYS.password, 'Password', 'aiperf-registry-password')}
            </>
          )}
          {auth === 'bearer' && secret(SECRET_KEYS.token, 'Token', 'aiperf-registry-token')}
          <Field
            label="Production alias"
            description="The alias marking the version in production; models without it fall back to the Production stage."
          >
            <Input
              id="aiperf-registry-alias"
              width={30}
              placeholder="champion"
              value={registry.productionAlias ?? ''}
              onChange={(e) => update(props, { ...registry, productionAlias: e.currentTarget.value || undefined })}
            />
          </Field>
          <Field
            label="Version tag"
            description="The model-version tag holding the version as serving reports it (e.g. 3.2.0). Empty: MLflow's version number."
          >
            <Input
              id="aiperf-registry-version-tag"
              width={30}
              placeholder="MLflow's version number"
              value={registry.versionTag ?? ''}
              onChange={(e) => update(props, { ...registry, versionTag: e.currentTarget.value || undefined })}
            />
          </Field>
          {TAG_FIELDS.map(({ key, label, fallback }) => (
            <Field key={key} label={label} description="Registered-model tag key">
              <Input
                id={`aiperf-registry-tag-${key}`}
                width={30}
                placeholder={fallback}
                value={registry.tagKeys?.[key] ?? ''}
                onChange={(e) =>
                  update(props, {
                    ...registry,
                    tagKeys: { ...registry.tagKeys, [key]: e.currentTarget.value || undefined },
                  })
                }
              />
            </Field>
          ))}
          <Field label="Timeout (seconds)" description="Per request to MLflow; 30 when empty.">
            <Input
              id="aiperf-registry-timeout"
              type="number"
              width={12}
              min={1}
              max={300}
              value={registry.timeoutSeconds ?? ''}
              onChange={(e) =>
                update(props, {
                  ...registry,
                  timeoutSeconds: e.currentTarget.value ? Number(e.currentTarget.value) : undefined,
                })
              }
            />
          </Field>
        </>
      )}
    </Stack>
  );
}
