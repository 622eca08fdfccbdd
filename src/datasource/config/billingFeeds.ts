import type { ConfigSectionProps } from '../configSections';

/** The billing connectors (pkg/plugin/connectors.go billingConnectors). */
export type BillingConnector = 'focus' | 'openai' | 'anthropic' | 'opencost' | 'awsce';

/** One billing feed as jsonData stores it: `billing[i]`; its secrets are `billing.<name>.<key>`. */
export interface BillingFeed {
  name: string;
  connector: BillingConnector;
  // focus
  location?: string;
  format?: 'csv' | 'parquet';
  costColumn?: string;
  modelTag?: string;
  categories?: Array<{ column: string; pattern: string; category: string }>;
  // openai, anthropic, opencost
  url?: string;
  attributeBy?: string;
  models?: Record<string, string>;
  // opencost
  modelLabel?: string;
  provider?: string;
  currency?: string;
  // awsce
  authType?: 'keys' | 'default';
  region?: string;
  assumeRoleArn?: string;
  externalId?: string;
  endpoint?: string;
  metric?: string;
}

export const CONNECTORS: Array<{ value: BillingConnector; label: string; description: string }> = [
  { value: 'focus', label: 'FOCUS export', description: 'FinOps FOCUS 1.x CSV or Parquet, from a path or URL' },
  { value: 'openai', label: 'OpenAI', description: 'Organization Costs and Usage APIs (admin key)' },
  { value: 'anthropic', label: 'Anthropic', description: 'Admin API cost and usage reports (admin key)' },
  { value: 'opencost', label: 'OpenCost', description: 'Kubernetes cost allocation by a model label' },
  { value: 'awsce', label: 'AWS Cost Explorer', description: 'GetCostAndUsage by service and cost-allocation tag' },
];

/** The secure fields of each connector, as the backend reads them. */
export function secretsOf(feed: BillingFeed): Array<{ key: string; label: string; description: string }> {
  switch (feed.connector) {
    case 'focus':
      return [
        {
          key: 'token',
          label: 'Bearer token',
          description: 'Sent with an HTTP(S) location; leave empty for a local file.',
        },
      ];
    case 'openai':
      return [
        {
          key: 'adminKey',
          label: 'Admin key',
          description: 'An organization admin key (Organization settings → Admin keys).',
        },
      ];
    case 'anthropic':
      return [
        {
          key: 'adminKey',
          label: 'Admin key',
          description: 'An Admin API key, sk-ant-admin… (Console → Settings → Admin keys).',
        },
      ];
    case 'opencost':
      return [
        { key: 'token', label: 'Bearer token', description: 'Only when OpenCost sits behind an authenticating proxy.' },
      ];
    case 'awsce':
      return (feed.authType ?? 'keys') === 'keys'
        ? [
            { key: 'accessKey', label: 'Access key ID', description: 'Of an IAM user allowed ce:GetCostAndUsage.' },
            { key: 'secretKey', label: 'Secret access key', description: '' },
          ]
        : [];
  }
}

export function feedsOf(props: ConfigSectionProps): BillingFeed[] {
  return props.options.jsonData.billing ?? [];
}

export function secretKey(feed: BillingFeed, key: string): string {
  return `billing.${feed.name}.${key}`;
}

export function isSecretSet(props: ConfigSectionProps, key: string): boolean {
  return Boolean((props.options.secureJsonFields as Record<string, boolean> | undefined)?.[key]);
}

/** Stores a secret; it goes to the server encrypted and never comes back. */
export function setSecret(props: ConfigSectionProps, key: string, value: string) {
  props.onOptionsChange({
    ...props.options,
    secureJsonData: { ...(props.options.secureJsonData as Record<string, string> | undefined), [key]: value },
  });
}

/** Clears a stored secret so a new one can be typed. */
export function resetSecret(props: ConfigSectionProps, key: string) {
  props.onOptionsChange({
    ...props.options,
    secureJsonFields: { ...props.options.secureJsonFields, [key]: false },
    secureJsonData: { ...(props.options.secureJsonData as Record<string, string> | undefined), [key]: '' },
  });
}

/** `id = model` lines ⇄ the models map. */
export function parseMapping(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const [id, model] = line.split('=').map((s) => s.trim());
    if (id && model) {
      out[id] = model;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function formatMapping(models?: Record<string, string>): string {
  return Object.entries(models ?? {})
    .map(([id, model]) => `${id} = ${model}`)
    .join('\n');
}

/** `column | pattern | category` lines ⇄ FOCUS category rules. */
export function parseRules(text: string): BillingFeed['categories'] {
  const rules = text
    .split('\n')
    .map((line) => line.split('|').map((s) => s.trim()))
    .filter((parts) => parts.length === 3 && parts.every(Boolean))
    .map(([column, pattern, category]) => ({ column, pattern, category }));
  return rules.length > 0 ? rules : undefined;
}

export function formatRules(rules?: BillingFeed['categories']): string {
  return (rules ?? []).map((r) => `${r.column} | ${r.pattern} | ${r.category}`).join('\n');
}
