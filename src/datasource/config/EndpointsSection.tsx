import React from 'react';
import { Button, Field, Input, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import { testIds } from '../../testIds';
import type { ConfigSectionProps } from '../configSections';
import { ConnectionFields } from './ConnectionFields';
import type { EndpointSettings } from './types';

const PROTOCOLS = [
  { label: 'Open Inference Protocol v2', value: 'oip' as const, description: 'KServe, Triton, Seldon MLServer' },
  { label: 'OpenAI-compatible', value: 'openai' as const, description: 'vLLM, TGI' },
];

function endpointsOf(props: ConfigSectionProps): EndpointSettings[] {
  return props.options.jsonData.endpoints?.endpoints ?? [];
}

function update(props: ConfigSectionProps, endpoints: EndpointSettings[]) {
  props.onOptionsChange({
    ...props.options,
    jsonData: {
      ...props.options.jsonData,
      endpoints: endpoints.length > 0 ? { connector: 'live', endpoints } : undefined,
    },
  });
}

/** The Live endpoints section: model servers probed for the readiness table. */
export function EndpointsSection(props: ConfigSectionProps) {
  const endpoints = endpointsOf(props);
  const change = (i: number, e: EndpointSettings) =>
    update(
      props,
      endpoints.map((old, j) => (j === i ? e : old))
    );
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Live endpoints</Text>
      <Text color="secondary">
        Model servers probed live for the inventory and readiness table: liveness, readiness, versions and platform of
        each model. Each server&apos;s secrets are filed under its name.
      </Text>
      {endpoints.map((e, i) => (
        <div key={i} data-testid={testIds.configEditor.endpoint}>
          <Stack direction="column" gap={0}>
            <Field label="Name" description="Lowercase letters, digits, '.', '_' or '-'.">
              <Input
                id={`aiperf-endpoint-${i}-name`}
                aria-label="Endpoint name"
                value={e.name}
                onChange={(ev) => change(i, { ...e, name: ev.currentTarget.value })}
              />
            </Field>
            <Field label="Protocol">
              <RadioButtonGroup
                options={PROTOCOLS}
                value={e.protocol}
                onChange={(protocol) => change(i, { ...e, protocol })}
              />
            </Field>
            <ConnectionFields
              section={props}
              value={e}
              onChange={(v) => change(i, { ...e, ...v })}
              secretPrefix={`endpoints.${e.name}`}
              idPrefix={`aiperf-endpoint-${i}`}
              urlPlaceholder="http://mlserver:8080"
            />
            <Field label="Models" description="Comma-separated; empty probes every model the server lists.">
              <Input
                id={`aiperf-endpoint-${i}-models`}
                aria-label="Models"
                value={(e.models ?? []).join(', ')}
                onChange={(ev) => {
                  const models = ev.currentTarget.value
                    .split(',')
                    .map((m) => m.trim())
                    .filter(Boolean);
                  change(i, { ...e, models: models.length > 0 ? models : undefined });
                }}
              />
            </Field>
            <Button
              variant="secondary"
              icon="trash-alt"
              onClick={() =>
                update(
                  props,
                  endpoints.filter((_, j) => j !== i)
                )
              }
            >
              Remove endpoint
            </Button>
          </Stack>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          icon="plus"
          onClick={() =>
            update(props, [...endpoints, { name: `server-${endpoints.length + 1}`, protocol: 'oip', url: '' }])
          }
        >
          Add endpoint
        </Button>
      </div>
    </Stack>
  );
}
