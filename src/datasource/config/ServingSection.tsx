import React from 'react';
import { Combobox, Field, Stack, Switch, Text } from '@grafana/ui';

import { testIds } from '../../testIds';
import type { ConfigSectionProps } from '../configSections';
import { ConnectionFields } from './ConnectionFields';
import { JsonListField } from './JsonListField';
import { RUNTIMES, type CustomQuery, type ServingModel, type ServingSettings } from './types';

function servingOf(props: ConfigSectionProps): ServingSettings | undefined {
  return props.options.jsonData.serving;
}

function update(props: ConfigSectionProps, serving: ServingSettings | undefined) {
  props.onOptionsChange({ ...props.options, jsonData: { ...props.options.jsonData, serving } });
}

/** The Serving telemetry section: a Prometheus-compatible server and how models map onto its metrics. */
export function ServingSection(props: ConfigSectionProps) {
  const serving = servingOf(props);
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Serving telemetry</Text>
      <Text color="secondary">
        Latency, throughput, errors, availability, tokens and GPU use from Prometheus (or Mimir, Thanos,
        VictoriaMetrics), read in one vocabulary whatever the runtime: Triton, KServe, Seldon MLServer, TorchServe,
        BentoML, Ray Serve, vLLM, TGI, OpenTelemetry GenAI metrics and NVIDIA DCGM.
      </Text>
      <Field label="Read serving telemetry from Prometheus">
        <Switch
          id="aiperf-config-serving"
          data-testid={testIds.configEditor.servingEnabled}
          value={Boolean(serving)}
          onChange={(e) => update(props, e.currentTarget.checked ? { connector: 'prometheus', url: '' } : undefined)}
        />
      </Field>
      {serving && (
        <>
          <ConnectionFields
            section={props}
            value={serving}
            onChange={(v) => update(props, { ...serving, ...v })}
            secretPrefix="serving"
            idPrefix="aiperf-serving"
            urlPlaceholder="http://prometheus:9090"
          />
          <Field
            label="Runtime"
            description="Detected per model from the metric names its server exposes, unless you name it."
          >
            <Combobox<string>
              id="aiperf-serving-runtime"
              options={RUNTIMES}
              value={serving.runtime ?? ''}
              onChange={(o) => update(props, { ...serving, runtime: o.value || undefined })}
            />
          </Field>
          <JsonListField<ServingModel>
            label="Model mappings"
            id="aiperf-serving-models"
            description='Where each catalog model is: {"id", "name" (its model label), "version", "namespace", "selector" (label matchers, needed for TGI and DCGM), "runtime", "accelerator": "dcgm"}. Models not listed are found by their id.'
            placeholder='[{"id": "iris", "name": "iris-classifier", "namespace": "prod"}]'
            value={serving.models}
            onChange={(models) => update(props, { ...serving, models })}
          />
          <JsonListField<CustomQuery>
            label="Custom PromQL"
            id="aiperf-serving-custom"
            description="Replaces the catalog's query for one series (requests, errors, latency, tokensIn, tokensOut, timeToFirstToken, timePerOutputToken, kvCache, gpuUtilization, gpuMemory, cpuUtilization, memory, up). ${filter} is the model's label matchers, ${window} the window's length; scale turns values or le bounds into ms or ratios."
            placeholder='[{"series": "latency", "expr": "sum by (le) (increase(my_latency_seconds_bucket{${filter}}[${window}]))", "scale": 1000}]'
            value={serving.customQueries}
            onChange={(customQueries) => update(props, { ...serving, customQueries })}
          />
        </>
      )}
    </Stack>
  );
}
