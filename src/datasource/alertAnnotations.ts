import type { AnnotationEvent, DataFrame } from '@grafana/data';

/**
 * Alert firings as annotations: each row of the `alertFirings` frame (the
 * `alertHistory` query: the health rules evaluated over the range, as the
 * provisioned alert rules fire) becomes a region from firing to resolved
 * (a point while it still fires), tagged with model, severity and rule.
 */
export function alertFiringEvents(frame: DataFrame): AnnotationEvent[] {
  if (frame.name !== 'alertFirings') {
    return [];
  }
  const column = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  const [model, rule, severity, title, started, resolved, detail] = [
    'model',
    'rule',
    'severity',
    'title',
    'started',
    'resolved',
    'detail',
  ].map(column);
  return Array.from({ length: frame.length }, (_, i) => {
    const timeEnd = resolved[i] ?? undefined;
    return {
      time: started[i],
      timeEnd,
      isRegion: timeEnd !== undefined,
      title: `${severity[i]} alert: ${title[i]}`,
      text: `${model[i]}: ${detail[i]}`,
      tags: [model[i], severity[i], rule[i]].filter(Boolean),
    };
  });
}
