import type { ComboboxOption } from '@grafana/ui';
import { getTemplateSrv } from '@grafana/runtime';

import type { CostGroupBy, DriftMethod, FeatureInfo, ModelInfo, QueryTypeInfo } from './types';

/** Dashboard variables, offered in every picker as `$name`. */
export function variableOptions(): Array<ComboboxOption<string>> {
  return getTemplateSrv()
    .getVariables()
    .map((v) => ({ value: `$${v.name}`, label: `$${v.name}`, description: 'Template variable', group: 'Variables' }));
}

/** The backend's query types, in the order it lists them. */
export function queryTypeOptions(types: QueryTypeInfo[] = []): Array<ComboboxOption<string>> {
  return types.map((t) => ({ value: t.value, label: t.label, description: t.description }));
}

export function modelOptions(models: ModelInfo[] = []): Array<ComboboxOption<string>> {
  return models.map((m) => ({ value: m.id, label: m.name, description: m.task }));
}

export function featureOptions(features: FeatureInfo[] = []): Array<ComboboxOption<string>> {
  return features.map((f) => ({ value: f.name, label: f.name, description: f.kind }));
}

export function attributeOptions(attributes: string[] = []): Array<ComboboxOption<string>> {
  return attributes.map((a) => ({ value: a, label: a }));
}

/** Quality metrics by task; names match the backend's frame fields (pkg/engine). */
export const METRIC_OPTIONS: Array<ComboboxOption<string>> = [
  { value: 'accuracy', label: 'Accuracy', group: 'Classification' },
  { value: 'precision', label: 'Precision', group: 'Classification' },
  { value: 'recall', label: 'Recall', group: 'Classification' },
  { value: 'f1', label: 'F1', group: 'Classification' },
  { value: 'aucRoc', label: 'AUC-ROC', group: 'Classification' },
  { value: 'prAuc', label: 'PR-AUC', group: 'Classification' },
  { value: 'logLoss', label: 'Log loss', group: 'Classification' },
  { value: 'brier', label: 'Brier score', group: 'Classification' },
  { value: 'ece', label: 'Expected calibration error', group: 'Classification' },
  { value: 'precisionMacro', label: 'Precision (macro)', group: 'Multiclass' },
  { value: 'recallMacro', label: 'Recall (macro)', group: 'Multiclass' },
  { value: 'f1Macro', label: 'F1 (macro)', group: 'Multiclass' },
  { value: 'precisionWeighted', label: 'Precision (weighted)', group: 'Multiclass' },
  { value: 'recallWeighted', label: 'Recall (weighted)', group: 'Multiclass' },
  { value: 'f1Weighted', label: 'F1 (weighted)', group: 'Multiclass' },
  { value: 'mae', label: 'MAE', group: 'Regression' },
  { value: 'rmse', label: 'RMSE', group: 'Regression' },
  { value: 'mape', label: 'MAPE', group: 'Regression' },
  { value: 'r2', label: 'R²', group: 'Regression' },
];

export const METHOD_OPTIONS: Array<ComboboxOption<DriftMethod>> = [
  {
    value: 'auto',
    label: 'Auto',
    description: 'KS, Wasserstein, chi-square or Jensen–Shannon by feature kind and size',
  },
  { value: 'psi', label: 'PSI', description: 'Population stability index; ≥ 0.1 moderate, ≥ 0.25 major' },
  { value: 'ks', label: 'Kolmogorov–Smirnov', description: 'Numeric features; drift when p < 0.05' },
  { value: 'wasserstein', label: 'Wasserstein', description: 'Normed by the baseline std; drift when > 0.1' },
  { value: 'js', label: 'Jensen–Shannon', description: 'Distance, natural log (as Evidently); drift when ≥ 0.1' },
  { value: 'js2', label: 'Jensen–Shannon (base 2)', description: 'Distance, base-2 log; drift when ≥ 0.1' },
  { value: 'chisquare', label: 'Chi-square', description: 'Categorical features; drift when p < 0.05' },
  { value: 'ztest', label: 'Two-proportion Z-test', description: 'Two-valued features; drift when p < 0.05' },
  { value: 'tvd', label: 'Total variation', description: 'Share of the distribution that moved' },
];

export const GROUP_BY_OPTIONS: Array<{ value: CostGroupBy; label: string; description: string }> = [
  { value: 'category', label: 'Category', description: 'One series per spend category' },
  { value: 'model', label: 'Model', description: 'One series per model' },
  { value: 'provider', label: 'Provider', description: 'One series per provider billing the spend' },
];

/**
 * The option to show for `value`; a value missing from `options` (a model the
 * catalog no longer lists, or a list still loading) is shown as typed.
 */
export function selectedOption<T extends string>(
  value: T | undefined,
  options: Array<ComboboxOption<T>>
): ComboboxOption<T> | null {
  if (!value) {
    return null;
  }
  return options.find((o) => o.value === value) ?? { value, label: value };
}
