import type { ComponentType } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';

import { ModelsSection } from './config/ModelsSection';
import { RegisterSection } from './config/RegisterSection';
import { TargetsSection } from './config/TargetsSection';
import { BillingSection } from './config/BillingSection';
import { DemoSection } from './DemoSection';
import { RegistrySection } from './config/RegistrySection';
import { EndpointsSection } from './config/EndpointsSection';
import { InferenceSection } from './config/InferenceSection';
import { ServingSection } from './config/ServingSection';
import type { AiperfDataSourceOptions, AiperfSecureJsonData } from './types';

export type ConfigSectionProps = DataSourcePluginOptionsEditorProps<AiperfDataSourceOptions, AiperfSecureJsonData>;

/**
 * The sections of the configuration page, in display order: the demo fleet, then the
 * declared catalog (DESIGN.md "Declared vs measured"). Each connector role (inference
 * store, serving, billing, registry) adds its own section file under config/: its
 * non-secret settings in jsonData, its secrets in secureJsonData shown only as
 * "configured" through secureJsonFields (SecretInput's isConfigured/onReset).
 */
export const CONFIG_SECTIONS: Array<{ id: string; Component: ComponentType<ConfigSectionProps> }> = [
  { id: 'demo', Component: DemoSection },
  { id: 'models', Component: ModelsSection },
  { id: 'targets', Component: TargetsSection },
  { id: 'register', Component: RegisterSection },
  { id: 'inference', Component: InferenceSection },
  { id: 'billing', Component: BillingSection },
  { id: 'registry', Component: RegistrySection },
  { id: 'serving', Component: ServingSection },
  { id: 'endpoints', Component: EndpointsSection },
];
