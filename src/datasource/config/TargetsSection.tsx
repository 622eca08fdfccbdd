import React from 'react';
import { ConfigSection } from '@grafana/plugin-ui';
import { Field, Input } from '@grafana/ui';

import type { ConfigSectionProps } from '../configSections';
import { DEFAULT_TARGETS } from './catalog';
import { parseNumber, updateCatalog, useCatalogErrors } from './edit';
import { TargetFields } from './TargetFields';

/** Fleet-wide targets (a model's own targets win) and the fleet's monthly budget. */
export function TargetsSection(props: ConfigSectionProps) {
  const { targets = {}, monthlyBudget, currency } = props.options.jsonData;
  const errors = useCatalogErrors(props);
  const budgetError = errors.get('monthlyBudget');
  const currencyError = errors.get('currency');
  return (
    <ConfigSection
      title="Fleet targets and budget"
      description="Objectives every model is held to unless its own targets say otherwise; empty fields take the defaults shown. Pages and alert rules read the same numbers."
    >
      <TargetFields
        at="targets"
        targets={targets}
        fallback={DEFAULT_TARGETS}
        errorFor={(field) => errors.get(field)}
        onChange={(next) => updateCatalog(props, { targets: next })}
      />
      <Field
        label="Currency"
        description="ISO 4217 code of every amount declared here (budgets, business values, cost-per-prediction target); USD when empty"
        invalid={Boolean(currencyError)}
        error={currencyError}
      >
        <Input
          id="aiperf-currency"
          width={12}
          placeholder="USD"
          value={currency ?? ''}
          onChange={(e) => updateCatalog(props, { currency: e.currentTarget.value || undefined })}
        />
      </Field>
      <Field
        label="Monthly budget"
        description={`${currency || 'USD'} for the whole fleet`}
        invalid={Boolean(budgetError)}
        error={budgetError}
      >
        <Input
          id="aiperf-monthly-budget"
          type="number"
          width={20}
          min={0}
          step="any"
          value={monthlyBudget ?? ''}
          onChange={(e) => updateCatalog(props, { monthlyBudget: parseNumber(e.currentTarget.value) })}
        />
      </Field>
    </ConfigSection>
  );
}
