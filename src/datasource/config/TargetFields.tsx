import React from 'react';
import { Field, Input, Stack } from '@grafana/ui';

import type { CatalogTargets } from './catalog';
import { parseNumber } from './edit';

/** How each target is entered; ratios are shares (0.995 = 99.5%), as the backend reads them. */
const TARGETS: Array<{ name: keyof CatalogTargets; label: string; unit: string }> = [
  { name: 'accuracyDropAlert', label: 'Accuracy drop alert', unit: 'ratio vs baseline' },
  { name: 'p95LatencyMs', label: 'p95 latency', unit: 'ms' },
  { name: 'uptime', label: 'Uptime', unit: 'ratio' },
  { name: 'mttrMinutes', label: 'MTTR', unit: 'minutes' },
  { name: 'costPerPrediction', label: 'Cost per prediction', unit: 'USD' },
  { name: 'fairnessGap', label: 'Fairness gap', unit: 'ratio' },
  { name: 'errorRate', label: 'Error rate', unit: 'ratio' },
  { name: 'utilisation', label: 'Utilisation', unit: 'ratio' },
];

interface Props {
  /** jsonData path of these targets, e.g. `targets` or `models[0].targets`; also makes the input ids unique. */
  at: string;
  targets: CatalogTargets;
  /** What applies when a target is left empty (the fleet's, or the defaults). */
  fallback: Required<CatalogTargets>;
  errorFor: (field: string) => string | undefined;
  onChange: (targets: CatalogTargets) => void;
}

/** The eight objectives, each empty until set; the fallback shows as the placeholder. */
export function TargetFields({ at, targets, fallback, errorFor, onChange }: Props) {
  return (
    <Stack direction="row" wrap="wrap" gap={2}>
      {TARGETS.map(({ name, label, unit }) => {
        const id = `aiperf-${at}-${name}`.replace(/[^a-zA-Z0-9-]/g, '-');
        const error = errorFor(`${at}.${name}`);
        return (
          <Field key={name} label={label} description={unit} invalid={Boolean(error)} error={error}>
            <Input
              id={id}
              type="number"
              width={16}
              min={0}
              step="any"
              placeholder={String(fallback[name])}
              value={targets[name] ?? ''}
              onChange={(e) => onChange({ ...targets, [name]: parseNumber(e.currentTarget.value) })}
            />
          </Field>
        );
      })}
    </Stack>
  );
}
