import React from 'react';
import { Stack } from '@grafana/ui';

import { testIds } from '../testIds';
import { CONFIG_SECTIONS, type ConfigSectionProps } from './configSections';

/** The data source's configuration page: one section per data origin. */
export function ConfigEditor(props: ConfigSectionProps) {
  return (
    <div data-testid={testIds.configEditor.container}>
      <Stack direction="column" gap={4}>
        {CONFIG_SECTIONS.map(({ id, Component }) => (
          <Component key={id} {...props} />
        ))}
      </Stack>
    </div>
  );
}
