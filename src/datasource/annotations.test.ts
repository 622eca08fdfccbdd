import { FieldType, createDataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { incidentAnnotations, incidentEvents } from './annotations';
import { QueryType } from './types';

const STARTED = Date.UTC(2026, 10, 20, 8, 0);
const RESOLVED = Date.UTC(2026, 10, 20, 8, 25);

const incidents = createDataFrame({
  name: 'incidents',
  fields: [
    { name: 'model', type: FieldType.string, values: ['churn', 'risk-assessment'] },
    { name: 'started', type: FieldType.time, values: [STARTED, STARTED + 3_600_000] },
    { name: 'resolved', type: FieldType.time, values: [RESOLVED, null] },
    { name: 'durationMinutes', type: FieldType.number, values: [25, null] },
    { name: 'severity', type: FieldType.string, values: ['P1', 'P0'] },
    { name: 'summary', type: FieldType.string, values: ['p95 latency over target', 'endpoint down'] },
  ],
});

describe('incident annotations', () => {
  it('turns each incident into an event spanning its duration', () => {
    expect(incidentEvents(incidents)).toEqual([
      {
        time: STARTED,
        timeEnd: RESOLVED,
        isRegion: true,
        title: 'P1 incident: churn',
        text: 'p95 latency over target',
        tags: ['churn', 'P1'],
      },
      {
        time: STARTED + 3_600_000,
        timeEnd: undefined,
        isRegion: false,
        title: 'P0 incident: risk-assessment',
        text: 'endpoint down',
        tags: ['risk-assessment', 'P0'],
      },
    ]);
  });

  it('ignores frames of other query types', async () => {
    const stats = createDataFrame({ name: 'incidentStats', fields: [{ name: 'model', values: ['churn'] }] });
    const events = await lastValueFrom(incidentAnnotations.processEvents!({} as never, [stats, incidents]));
    expect(events).toHaveLength(2);
  });

  it('starts a new annotation on incidents', () => {
    expect(incidentAnnotations.getDefaultQuery?.()).toEqual({ queryType: QueryType.Incidents });
  });
});
