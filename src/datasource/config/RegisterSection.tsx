import React from 'react';
import { ConfigSection } from '@grafana/plugin-ui';
import { Button, Field, Input, Stack, Text } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import type { Regulation } from './catalog';
import { updateCatalog, useCatalogErrors } from './edit';

const COLUMNS: Array<{ key: keyof Regulation; label: string; placeholder?: string; width: number }> = [
  { key: 'regulation', label: 'Regulation', placeholder: 'EU AI Act', width: 24 },
  { key: 'scope', label: 'Scope', width: 24 },
  { key: 'owner', label: 'Owner', width: 18 },
  { key: 'status', label: 'Status', placeholder: 'compliant', width: 16 },
  { key: 'lastReview', label: 'Last review', placeholder: 'YYYY-MM-DD', width: 14 },
  { key: 'nextReview', label: 'Next review', placeholder: 'YYYY-MM-DD', width: 14 },
];

/** The compliance register the Compliance page lists. */
export function RegisterSection(props: ConfigSectionProps) {
  const { regulations = [] } = props.options.jsonData;
  const errors = useCatalogErrors(props);
  const setRegulations = (next: Regulation[]) => updateCatalog(props, { regulations: next });

  return (
    <ConfigSection
      title="Regulation register"
      description="Regulations and standards the fleet answers to, with owner, status and review dates."
    >
      <Stack direction="column" gap={1}>
        {regulations.length === 0 && <Text color="secondary">No regulations declared.</Text>}
        {regulations.map((r, i) => (
          <Stack key={i} direction="row" wrap="wrap" gap={1} alignItems="flex-end">
            {COLUMNS.map(({ key, label, placeholder, width }) => {
              const error = errors.get(`regulations[${i}].${key}`);
              return (
                <Field key={key} label={label} invalid={Boolean(error)} error={error}>
                  <Input
                    id={`aiperf-regulations-${i}-${key}`}
                    width={width}
                    placeholder={placeholder}
                    value={r[key] ?? ''}
                    onChange={(e) =>
                      setRegulations(
                        regulations.map((x, j) => (j === i ? { ...x, [key]: e.currentTarget.value || undefined } : x))
                      )
                    }
                  />
                </Field>
              );
            })}
            <Field label="">
              <Button
                variant="secondary"
                icon="trash-alt"
                aria-label={`Remove ${r.regulation || 'regulation'}`}
                onClick={() => setRegulations(regulations.filter((_, j) => j !== i))}
              />
            </Field>
          </Stack>
        ))}
        <div>
          <Button variant="secondary" icon="plus" onClick={() => setRegulations([...regulations, { regulation: '' }])}>
            Add regulation
          </Button>
        </div>
      </Stack>
    </ConfigSection>
  );
}
