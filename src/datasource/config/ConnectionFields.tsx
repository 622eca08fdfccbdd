import React from 'react';
import { Field, Input, RadioButtonGroup, SecretInput, Switch } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import { isSecretSet, resetSecret, setSecret } from './secrets';
import type { ConnectionSettings } from './types';

interface Props {
  /** The section's props, for its secrets. */
  section: ConfigSectionProps;
  value: ConnectionSettings;
  onChange: (value: ConnectionSettings) => void;
  /** Where this connection's secrets are filed: `serving` or `endpoints.<name>`. */
  secretPrefix: string;
  /** Distinguishes the inputs of several connections on one page. */
  idPrefix: string;
  urlPlaceholder: string;
}

const AUTH_OPTIONS: Array<{ label: string; value: NonNullable<ConnectionSettings['auth']> }> = [
  { label: 'None', value: 'none' },
  { label: 'Basic', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
];

/** URL, authentication, timeout and TLS of one HTTP connection (pkg/sources/serving/httpconn). */
export function ConnectionFields({ section, value, onChange, secretPrefix, idPrefix, urlPlaceholder }: Props) {
  const auth = value.auth ?? 'none';
  const secret = (key: string) => `${secretPrefix}.${key}`;
  return (
    <>
      <Field label="URL" description="The server's base address, without /api/v1." required>
        <Input
          id={`${idPrefix}-url`}
          aria-label="URL"
          value={value.url ?? ''}
          placeholder={urlPlaceholder}
          onChange={(e) => onChange({ ...value, url: e.currentTarget.value })}
        />
      </Field>
      <Field label="Authentication">
        <RadioButtonGroup options={AUTH_OPTIONS} value={auth} onChange={(v) => onChange({ ...value, auth: v })} />
      </Field>
      {auth === 'basic' && (
        <>
          <Field label="User">
            <Input
              id={`${idPrefix}-user`}
              aria-label="User"
              value={value.basicAuthUser ?? ''}
              onChange={(e) => onChange({ ...value, basicAuthUser: e.currentTarget.value })}
            />
          </Field>
          <Field label="Password">
            <SecretInput
              id={`${idPrefix}-password`}
              aria-label="Password"
              isConfigured={isSecretSet(section, secret('basicAuthPassword'))}
              onChange={(e) => setSecret(section, secret('basicAuthPassword'), e.currentTarget.value)}
              onReset={() => resetSecret(section, secret('basicAuthPassword'))}
            />
          </Field>
        </>
      )}
      {auth === 'bearer' && (
        <Field label="Token">
          <SecretInput
            id={`${idPrefix}-token`}
            aria-label="Token"
            isConfigured={isSecretSet(section, secret('bearerToken'))}
            onChange={(e) => setSecret(section, secret('bearerToken'), e.currentTarget.value)}
            onReset={() => resetSecret(section, secret('bearerToken'))}
          />
        </Field>
      )}
      <Field label="Timeout (seconds)" description="Bounds every request; 30 when empty, at most 300.">
        <Input
          id={`${idPrefix}-timeout`}
          aria-label="Timeout (seconds)"
          type="number"
          width={12}
          value={value.timeoutSeconds ?? ''}
          onChange={(e) => {
            const n = e.currentTarget.valueAsNumber;
            onChange({ ...value, timeoutSeconds: Number.isFinite(n) ? n : undefined });
          }}
        />
      </Field>
      <Field label="Skip TLS verification" description="Only for servers with self-signed certificates you trust.">
        <Switch
          id={`${idPrefix}-tls-skip`}
          value={value.tlsSkipVerify ?? false}
          onChange={(e) => onChange({ ...value, tlsSkipVerify: e.currentTarget.checked })}
        />
      </Field>
    </>
  );
}
