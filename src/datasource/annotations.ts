import type { AnnotationEvent, AnnotationSupport, DataFrame } from '@grafana/data';
import { of } from 'rxjs';

import { alertFiringEvents } from './alertAnnotations';
import { QueryType, type AiperfQuery } from './types';

/**
 * Incidents as annotations: each row of the `incidents` frame becomes a region from
 * `started` to `resolved` (a point while still open), tagged with model and severity;
 * so do the alert firings of `alertHistory` (alertAnnotations.ts). Other query types
 * carry no events.
 */
export const incidentAnnotations: AnnotationSupport<AiperfQuery> = {
  getDefaultQuery: () => ({ queryType: QueryType.Incidents }),
  processEvents: (_annotation, frames) => of(frames.flatMap((f) => [...incidentEvents(f), ...alertFiringEvents(f)])),
};

export function incidentEvents(frame: DataFrame): AnnotationEvent[] {
  if (frame.name !== 'incidents') {
    return [];
  }
  const column = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  const [model, started, resolved, severity, summary] = ['model', 'started', 'resolved', 'severity', 'summary'].map(
    column
  );
  return Array.from({ length: frame.length }, (_, i) => {
    const timeEnd = resolved[i] ?? undefined;
    return {
      time: started[i],
      timeEnd,
      isRegion: timeEnd !== undefined,
      title: `${severity[i]} incident: ${model[i]}`,
      text: summary[i],
      tags: [model[i], severity[i]].filter(Boolean),
    };
  });
}
