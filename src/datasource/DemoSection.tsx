import React from 'react';
import { updateDatasourcePluginJsonDataOption } from '@grafana/data';
import { InlineField, Stack, Switch, Text } from '@grafana/ui';

import { testIds } from '../testIds';
import type { ConfigSectionProps } from './configSections';

/** The demo fleet is on unless turned off, so a fresh data source answers every query type. */
export function isDemoEnabled(props: ConfigSectionProps): boolean {
  return props.options.jsonData.demoEnabled ?? true;
}

export function DemoSection(props: ConfigSectionProps) {
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Built-in demo fleet</Text>
      <Text color="secondary">
        A simulated fleet of models generated inside the plugin: serving latency, throughput and errors, prediction logs
        with late-arriving labels, drifting features, fairness gaps between groups, GPU utilization, incidents and
        billing. Every query type, page and dashboard works against it without any external system. Queries without a
        source read from it while it is on; turn it off once your own connectors are configured so dashboards show only
        real data.
      </Text>
      <InlineField label="Enable demo fleet" labelWidth={24} htmlFor="aiperf-config-demo">
        <Switch
          id="aiperf-config-demo"
          data-testid={testIds.configEditor.demoEnabled}
          value={isDemoEnabled(props)}
          onChange={(event) => updateDatasourcePluginJsonDataOption(props, 'demoEnabled', event.currentTarget.checked)}
        />
      </InlineField>
    </Stack>
  );
}
