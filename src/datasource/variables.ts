import {
  CustomVariableSupport,
  FieldType,
  createDataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
} from '@grafana/data';
import { from, type Observable } from 'rxjs';

import type { DataSource } from './datasource';
import { VariableResource, type AiperfVariableQuery } from './types';
import { VariableQueryEditor } from './VariableQueryEditor';

interface VariableValue {
  text: string;
  value: string;
}

/** Feeds `$model`, `$feature` and `$attribute` template variables from the catalog resources. */
export class AiperfVariableSupport extends CustomVariableSupport<DataSource, AiperfVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<AiperfVariableQuery>): Observable<DataQueryResponse> {
    const [query] = request.targets;
    return from(this.listValues(query).then((values) => ({ data: [toFrame(query.refId, values)] })));
  }

  private async listValues(query: AiperfVariableQuery): Promise<VariableValue[]> {
    // A new variable has no resource yet; the editor shows it as "Models".
    switch (query.resource ?? VariableResource.Models) {
      case VariableResource.Models:
        return (await this.datasource.getModels()).map((m) => ({ text: m.name, value: m.id }));
      case VariableResource.Features:
        return (await this.datasource.getFeatures(requireModel(query))).map((f) => ({ text: f.name, value: f.name }));
      case VariableResource.Attributes:
        return (await this.datasource.getAttributes(requireModel(query))).map((a) => ({ text: a, value: a }));
      default:
        throw new Error(`Unknown variable query "${query.resource}": choose models, features or attributes.`);
    }
  }
}

function requireModel(query: AiperfVariableQuery): string {
  if (!query.model) {
    throw new Error(`Listing ${query.resource} needs a model: set "Model" in the variable query (for example $model).`);
  }
  return query.model;
}

function toFrame(refId: string, values: VariableValue[]) {
  return createDataFrame({
    refId,
    fields: [
      { name: 'text', type: FieldType.string, values: values.map((v) => v.text) },
      { name: 'value', type: FieldType.string, values: values.map((v) => v.value) },
    ],
  });
}
