import React from 'react';
import { Button, Field, Input, RadioButtonGroup, SecretInput, Stack, Text, TextArea } from '@grafana/ui';

import { testIds } from '../../testIds';
import type { ConfigSectionProps } from '../configSections';
import {
  CONNECTORS,
  type BillingConnector,
  type BillingFeed,
  feedsOf,
  formatMapping,
  formatRules,
  isSecretSet,
  parseMapping,
  parseRules,
  resetSecret,
  secretKey,
  secretsOf,
  setSecret,
} from './billingFeeds';

const COST_COLUMNS = ['EffectiveCost', 'BilledCost', 'ListCost', 'ContractedCost'].map((v) => ({ label: v, value: v }));
const AWS_METRICS = ['AmortizedCost', 'UnblendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'BlendedCost'].map(
  (v) => ({ label: v, value: v })
);

function update(props: ConfigSectionProps, feeds: BillingFeed[]) {
  props.onOptionsChange({
    ...props.options,
    jsonData: { ...props.options.jsonData, billing: feeds.length > 0 ? feeds : undefined },
  });
}

/**
 * The Billing section: a list of named feeds, each a billing connector with its own options; secrets are filed
 * under `billing.<feed name>.<key>`. Feeds higher in the list win where two bill the same provider and category
 * on the same day, so overlapping charges are counted once.
 */
export function BillingSection(props: ConfigSectionProps) {
  const feeds = feedsOf(props);
  const change = (i: number, feed: BillingFeed) =>
    update(
      props,
      feeds.map((old, j) => (j === i ? feed : old))
    );
  const move = (i: number) => update(props, [...feeds.slice(0, i - 1), feeds[i], feeds[i - 1], ...feeds.slice(i + 1)]);
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Billing</Text>
      <Text color="secondary">
        Where spend comes from: cloud bills as FOCUS exports, Kubernetes cost allocation, LLM provider invoices and AWS
        Cost Explorer. Several feeds add up; where two bill the same provider and category on the same day, the feed
        higher in the list is counted and the other left out, so nothing is counted twice.
      </Text>
      {feeds.map((feed, i) => (
        <div key={i} data-testid={testIds.configEditor.billingFeed}>
          <Stack direction="column" gap={0}>
            <Field
              label="Feed name"
              description="Lowercase letters, digits, '.', '_' or '-'. Its secrets are filed under it: renaming asks for them again."
            >
              <Input
                id={`aiperf-billing-${i}-name`}
                aria-label="Feed name"
                value={feed.name}
                onChange={(e) => change(i, { ...feed, name: e.currentTarget.value })}
              />
            </Field>
            <Field label="Connector">
              <RadioButtonGroup<BillingConnector>
                options={CONNECTORS}
                value={feed.connector}
                onChange={(connector) => change(i, { name: feed.name, connector })}
              />
            </Field>
            <ConnectorFields feed={feed} index={i} onChange={(f) => change(i, f)} />
            {secretsOf(feed).map((s) => (
              <Field key={s.key} label={s.label} description={s.description}>
                <SecretInput
                  id={`aiperf-billing-${i}-${s.key}`}
                  aria-label={s.label}
                  isConfigured={isSecretSet(props, secretKey(feed, s.key))}
                  onChange={(e) => setSecret(props, secretKey(feed, s.key), e.currentTarget.value)}
                  onReset={() => resetSecret(props, secretKey(feed, s.key))}
                />
              </Field>
            ))}
            <Stack direction="row" gap={1}>
              {i > 0 && (
                <Button variant="secondary" icon="arrow-up" onClick={() => move(i)}>
                  Move up
                </Button>
              )}
              <Button
                variant="destructive"
                icon="trash-alt"
                onClick={() =>
                  update(
                    props,
                    feeds.filter((_, j) => j !== i)
                  )
                }
              >
                Remove feed
              </Button>
            </Stack>
          </Stack>
        </div>
      ))}
      <div>
        <Button
          data-testid={testIds.configEditor.addBillingFeed}
          variant="secondary"
          icon="plus"
          onClick={() => update(props, [...feeds, { name: `feed-${feeds.length + 1}`, connector: 'focus' }])}
        >
          Add billing feed
        </Button>
      </div>
    </Stack>
  );
}

interface FieldsProps {
  feed: BillingFeed;
  index: number;
  onChange: (feed: BillingFeed) => void;
}

/** The options of the feed's connector (the backend's Settings of each connector package). */
function ConnectorFields({ feed, index, onChange }: FieldsProps) {
  const text = (key: keyof BillingFeed, label: string, description: string, placeholder = '') => (
    <Field label={label} description={description}>
      <Input
        id={`aiperf-billing-${index}-${key}`}
        aria-label={label}
        value={(feed[key] as string | undefined) ?? ''}
        placeholder={placeholder}
        onChange={(e) => onChange({ ...feed, [key]: e.currentTarget.value || undefined })}
      />
    </Field>
  );
  const mapping = (description: string) => (
    <Field label="Models" description={description}>
      <TextArea
        id={`aiperf-billing-${index}-models`}
        aria-label="Models"
        defaultValue={formatMapping(feed.models)}
        placeholder="proj_abc123 = customer-ai-assistant"
        onBlur={(e) => onChange({ ...feed, models: parseMapping(e.currentTarget.value) })}
      />
    </Field>
  );
  switch (feed.connector) {
    case 'focus':
      return (
        <>
          {text(
            'location',
            'Location',
            'Path on the Grafana server or http(s) URL of the export; .csv, .csv.gz or .parquet.',
            '/var/lib/focus/export.csv'
          )}
          <Field
            label="Cost column"
            description="EffectiveCost: after discounts, commitments amortised. BilledCost: as invoiced."
          >
            <RadioButtonGroup
              options={COST_COLUMNS}
              value={feed.costColumn ?? 'EffectiveCost'}
              onChange={(costColumn) => onChange({ ...feed, costColumn })}
            />
          </Field>
          {text('modelTag', 'Model tag', 'The key in Tags whose value is the model id.', 'model')}
          <Field
            label="Category rules"
            description="One per line, tried before the defaults: column | regular expression | category (gpu, compute, storage, network, platform, llm)."
          >
            <TextArea
              id={`aiperf-billing-${index}-categories`}
              aria-label="Category rules"
              defaultValue={formatRules(feed.categories)}
              placeholder="ResourceType | ml\.p4d | gpu"
              onBlur={(e) => onChange({ ...feed, categories: parseRules(e.currentTarget.value) })}
            />
          </Field>
        </>
      );
    case 'openai':
      return (
        <>
          {text('url', 'API URL', 'Leave empty for https://api.openai.com.', 'https://api.openai.com')}
          <Field label="Attribute by">
            <RadioButtonGroup
              options={[
                { label: 'Project', value: 'project' },
                { label: 'API key', value: 'apiKey' },
              ]}
              value={feed.attributeBy ?? 'project'}
              onChange={(attributeBy) => onChange({ ...feed, attributeBy })}
            />
          </Field>
          {mapping('One per line: project or API key id = catalog model id. Unlisted ids are shared spend.')}
        </>
      );
    case 'anthropic':
      return (
        <>
          {text('url', 'API URL', 'Leave empty for https://api.anthropic.com.', 'https://api.anthropic.com')}
          <Field label="Attribute by">
            <RadioButtonGroup
              options={[
                { label: 'Workspace', value: 'workspace' },
                { label: 'Claude model', value: 'model' },
              ]}
              value={feed.attributeBy ?? 'workspace'}
              onChange={(attributeBy) => onChange({ ...feed, attributeBy })}
            />
          </Field>
          {mapping('One per line: workspace or Claude model id = catalog model id. Unlisted ids are shared spend.')}
        </>
      );
    case 'opencost':
      return (
        <>
          {text('url', 'OpenCost URL', 'The allocation API.', 'http://opencost.opencost:9003')}
          {text('modelLabel', 'Model label', 'The pod label whose value is the model id.', 'model')}
          {text(
            'provider',
            'Provider',
            'Who bills the cluster; name the cloud (AWS) and list this feed first to count cluster spend once next to a cloud bill.',
            'Kubernetes'
          )}
          {text('currency', 'Currency', 'ISO 4217 code OpenCost prices are in.', 'USD')}
        </>
      );
    case 'awsce':
      return (
        <>
          <Field label="Authentication" description="Grafana's [aws] allowed_auth_providers decides which are allowed.">
            <RadioButtonGroup
              options={[
                { label: 'Access and secret key', value: 'keys' as const },
                { label: 'AWS SDK default', value: 'default' as const },
              ]}
              value={feed.authType ?? 'keys'}
              onChange={(authType) => onChange({ ...feed, authType })}
            />
          </Field>
          {text(
            'assumeRoleArn',
            'Assume role ARN',
            'Optional; needs [aws] assume_role_enabled.',
            'arn:aws:iam::123456789012:role/billing'
          )}
          {text('externalId', 'External ID', 'Of the assumed role, when it requires one.')}
          {text('region', 'Region', 'Cost Explorer is served from us-east-1.', 'us-east-1')}
          {text('endpoint', 'Endpoint', 'A VPC endpoint or proxy; empty for AWS.')}
          <Field label="Metric">
            <RadioButtonGroup
              options={AWS_METRICS}
              value={feed.metric ?? 'AmortizedCost'}
              onChange={(metric) => onChange({ ...feed, metric })}
            />
          </Field>
          {text('modelTag', 'Model tag', 'The cost-allocation tag whose value is the model id.', 'model')}
        </>
      );
  }
}
