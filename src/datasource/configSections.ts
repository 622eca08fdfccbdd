import type { ComponentType } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';

import { DemoSection } from './DemoSection';
import { EndpointsSection } from './config/EndpointsSection';
import { ServingSection } from './config/ServingSection';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from './types';

export type ConfigSectionProps = DataSourcePluginOptionsEditorProps<AiperfDataSourceOptions, AiperfSecureJsonData>;

/**
 * The sections of the configuration page, in display order. Each connector adds one
 * section: its non-secret settings in jsonData, its secrets in secureJsonData shown
 * only as "configured" through secureJsonFields (SecretInput's isConfigured/onReset).
 */
export const CONFIG_SECTIONS: Array<{ id: string; Component: ComponentType<ConfigSectionProps> }> = [
  { id: 'demo', Component: DemoSection },
  { id: 'serving', Component: ServingSection },
  { id: 'endpoints', Component: EndpointsSection },
];
