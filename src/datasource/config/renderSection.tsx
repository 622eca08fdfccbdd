import React, { useState, type ComponentType } from 'react';
import type { DataSourceSettings } from '@grafana/data';
import { render } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';

import type { ConfigSectionProps } from '../configSections';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from '../types';

type Settings = DataSourceSettings<AiperfDataSourceOptions, AiperfSecureJsonData>;

/** Renders a settings section over live state, as Grafana's settings page does; test helper. */
export function renderSection(Section: ComponentType<ConfigSectionProps>, jsonData: AiperfDataSourceOptions) {
  const saved: { current: AiperfDataSourceOptions } = { current: jsonData };
  function Page() {
    const [options, setOptions] = useState({ jsonData, secureJsonFields: {} } as unknown as Settings);
    const onOptionsChange = (next: Settings) => {
      saved.current = next.jsonData;
      setOptions(next);
    };
    return <Section options={options} onOptionsChange={onOptionsChange} />;
  }
  render(<Page />);
  // No delay between events and no computed-style walk per pointer event: they cost
  // seconds on a busy machine and test nothing the sections do.
  return { saved, user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }) };
}

/** Types `text` into `input` as one paste: one change, as a person pasting a value. */
export async function pasteInto(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}
