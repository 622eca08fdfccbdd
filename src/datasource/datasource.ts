import type { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { incidentAnnotations } from './annotations';
import {
  QueryType,
  type AiperfDataSourceOptions,
  type AiperfQuery,
  type CostGroupBy,
  type FeatureInfo,
  type ModelInfo,
  type QueryTypeInfo,
} from './types';
import { AiperfVariableSupport } from './variables';

export class DataSource extends DataSourceWithBackend<AiperfQuery, AiperfDataSourceOptions> {
  /** Remembered from the last `models` answer so new queries start on a real model. */
  private firstModelId?: string;
  private queryTypes?: Promise<QueryTypeInfo[]>;

  constructor(instanceSettings: DataSourceInstanceSettings<AiperfDataSourceOptions>) {
    super(instanceSettings);
    this.variables = new AiperfVariableSupport(this);
    this.annotations = incidentAnnotations;
  }

  getDefaultQuery(_app: CoreApp): Partial<AiperfQuery> {
    return { queryType: QueryType.Latency, model: this.firstModelId };
  }

  applyTemplateVariables(query: AiperfQuery, scopedVars: ScopedVars): AiperfQuery {
    const templateSrv = getTemplateSrv();
    const replace = (value?: string) => (value ? templateSrv.replace(value, scopedVars) : value);
    return {
      ...query,
      model: replace(query.model),
      feature: replace(query.feature),
      attribute: replace(query.attribute),
      // A multi-value `$metrics` variable expands to one entry per selected metric.
      metrics: query.metrics?.flatMap((metric) =>
        templateSrv
          .replace(metric, scopedVars, 'csv')
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean)
      ),
      groupBy: replace(query.groupBy) as CostGroupBy | undefined,
      check: replace(query.check),
      outcome: replace(query.outcome),
    };
  }

  /**
   * Hidden queries and queries without a type never reach the backend. Anything
   * else is checked there (pkg/query), whose error names the missing field.
   */
  filterQuery(query: AiperfQuery): boolean {
    return !query.hide && Boolean(query.queryType);
  }

  async getModels(): Promise<ModelInfo[]> {
    const models = await this.getResource<ModelInfo[]>('models');
    this.firstModelId = models[0]?.id;
    return models;
  }

  /** Features of `model`; `model` may be a template variable such as `$model`. */
  getFeatures(model: string): Promise<FeatureInfo[]> {
    return this.getResource<FeatureInfo[]>('features', { model: getTemplateSrv().replace(model) });
  }

  /** Sensitive attributes of `model`; `model` may be a template variable such as `$model`. */
  getAttributes(model: string): Promise<string[]> {
    return this.getResource<string[]>('attributes', { model: getTemplateSrv().replace(model) });
  }

  /** The backend's query type list; asked once, since it only changes with the plugin version. */
  getQueryTypes(): Promise<QueryTypeInfo[]> {
    this.queryTypes ??= this.getResource<QueryTypeInfo[]>('query-types').catch((err: unknown) => {
      this.queryTypes = undefined;
      throw err;
    });
    return this.queryTypes;
  }
}
