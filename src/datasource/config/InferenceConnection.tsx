import React from 'react';
import { ConfigSubSection } from '@grafana/plugin-ui';
import { Field, Input, RadioButtonGroup, SecretInput, SecretTextArea, Switch } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import { parseNumber } from './edit';
import {
  CLICKHOUSE_LIMITS,
  INFERENCE_SECRETS,
  limitOf,
  POSTGRES_LIMITS,
  type StoreInference,
  type TLSMode,
} from './inference';
import { isSecretSet, resetSecret, setSecret } from './secrets';

interface Props {
  section: ConfigSectionProps;
  value: StoreInference;
  onChange: (value: StoreInference) => void;
  /** Problems by field (below `inference.`). */
  errors: Map<string, string>;
}

const TLS_MODES: Array<{ label: string; value: TLSMode; description: string }> = [
  { label: 'disable', value: 'disable', description: 'No TLS: only on a trusted network.' },
  {
    label: 'require',
    value: 'require',
    description: 'Encrypt, without verifying the certificate (libpq sslmode=require).',
  },
  { label: 'verify-ca', value: 'verify-ca', description: 'Verify the certificate against the CA, not the host name.' },
  { label: 'verify-full', value: 'verify-full', description: 'Verify the certificate and that it names the host.' },
];

/** Server, credentials, TLS and limits of the inference store, after Grafana's own SQL data sources. */
export function InferenceConnection({ section, value, onChange, errors }: Props) {
  const postgres = value.connector === 'postgres';
  const text = (key: 'url' | 'database' | 'user', label: string, description: string, placeholder: string) => (
    <Field
      label={label}
      description={description}
      required={postgres || key === 'url'}
      invalid={errors.has(key)}
      error={errors.get(key)}
    >
      <Input
        id={`aiperf-inference-${key}`}
        width={40}
        placeholder={placeholder}
        value={value[key] ?? ''}
        onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value || undefined })}
      />
    </Field>
  );
  const secret = (key: keyof typeof INFERENCE_SECRETS) => ({
    isConfigured: isSecretSet(section, INFERENCE_SECRETS[key]),
    onReset: () => resetSecret(section, INFERENCE_SECRETS[key]),
  });
  const pem = (key: 'tlsCACert' | 'tlsClientCert' | 'tlsClientKey', label: string, description: string) => (
    <Field label={label} description={description}>
      <SecretTextArea
        id={`aiperf-inference-${key}`}
        aria-label={label}
        rows={5}
        cols={60}
        placeholder={key === 'tlsClientKey' ? '-----BEGIN PRIVATE KEY-----' : '-----BEGIN CERTIFICATE-----'}
        {...secret(key)}
        onChange={(e) => setSecret(section, INFERENCE_SECRETS[key], e.currentTarget.value)}
      />
    </Field>
  );
  const tlsMode = postgres ? (value.tlsMode ?? 'require') : undefined;
  const https = !postgres && /^https:/i.test(value.url ?? '');
  const verifies = tlsMode === 'verify-ca' || tlsMode === 'verify-full' || https;
  const encrypts = (tlsMode !== undefined && tlsMode !== 'disable') || https;
  const limits = postgres ? POSTGRES_LIMITS : CLICKHOUSE_LIMITS;
  return (
    <>
      <ConfigSubSection title="Connection">
        {postgres
          ? text('url', 'Host', 'Host or host:port; the port is 5432 when left out.', 'localhost:5432')
          : text(
              'url',
              'URL',
              'The HTTP interface, http(s)://host:port (not the native port 9000).',
              'http://localhost:8123'
            )}
        {text(
          'database',
          'Database',
          postgres ? 'The database that holds the predictions table.' : 'default when empty.',
          postgres ? 'aiperf' : 'default'
        )}
      </ConfigSubSection>
      <ConfigSubSection title="Authentication">
        {text(
          'user',
          'User',
          postgres ? 'A user that may SELECT from the table; no other right is needed.' : 'default when empty.',
          postgres ? 'grafana_reader' : 'default'
        )}
        <Field label="Password" description="Stored encrypted; never sent back to the browser.">
          <SecretInput
            id="aiperf-inference-password"
            width={40}
            {...secret('password')}
            onChange={(e) => setSecret(section, INFERENCE_SECRETS.password, e.currentTarget.value)}
          />
        </Field>
      </ConfigSubSection>
      <ConfigSubSection title="TLS" description={postgres ? undefined : 'Used when the URL is https.'}>
        {postgres && (
          <Field
            label="TLS mode"
            description={TLS_MODES.find((m) => m.value === tlsMode)?.description}
            invalid={errors.has('tlsMode')}
            error={errors.get('tlsMode')}
          >
            <RadioButtonGroup<TLSMode>
              options={TLS_MODES}
              value={tlsMode}
              onChange={(mode) => onChange({ ...value, tlsMode: mode })}
            />
          </Field>
        )}
        {!postgres && https && (
          <Field label="Skip TLS verification" description="Only for servers with self-signed certificates you trust.">
            <Switch
              id="aiperf-inference-tls-skip"
              value={value.connector === 'clickhouse' && Boolean(value.tlsSkipVerify)}
              onChange={(e) => onChange({ ...value, tlsSkipVerify: e.currentTarget.checked || undefined })}
            />
          </Field>
        )}
        {verifies && pem('tlsCACert', 'CA certificate', "PEM; the system's CAs when empty.")}
        {encrypts && (
          <>
            {pem(
              'tlsClientCert',
              'Client certificate',
              'PEM; with its key, for servers that authenticate clients by certificate.'
            )}
            {pem('tlsClientKey', 'Client key', 'PEM; paste it with the client certificate, or neither.')}
          </>
        )}
      </ConfigSubSection>
      <ConfigSubSection title="Connection limits">
        {limits.map((l) => (
          <Field
            key={l.key}
            label={l.label}
            description={`${l.description} ${l.fallback} when empty, at most ${l.max}.`}
            invalid={errors.has(l.key)}
            error={errors.get(l.key)}
          >
            <Input
              id={`aiperf-inference-${l.key}`}
              type="number"
              width={16}
              min={1}
              max={l.max}
              placeholder={String(l.fallback)}
              value={limitOf(value, l.key) ?? ''}
              onChange={(e) => onChange({ ...value, [l.key]: parseNumber(e.currentTarget.value) })}
            />
          </Field>
        ))}
      </ConfigSubSection>
    </>
  );
}
