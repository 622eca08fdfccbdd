import { FieldType, createDataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { alertFiringEvents } from './alertAnnotations';
import { incidentAnnotations } from './annotations';

const FIRED = Date.UTC(2026, 10, 20, 8, 10);
const RESOLVED = Date.UTC(2026, 10, 20, 11, 0);

const firings = createDataFrame({
  name: 'alertFirings',
  fields: [
    { name: 'model', type: FieldType.string, values: ['risk-assessment', 'risk-assessment'] },
    { name: 'rule', type: FieldType.string, values: ['qualityDropMedium', 'qualityDropHigh'] },
    { name: 'severity', type: FieldType.string, values: ['P2', 'P1'] },
    {
      name: 'title',
      type: FieldType.string,
      values: ['Quality drop approaching the alert threshold', 'Quality drop at the alert threshold'],
    },
    { name: 'started', type: FieldType.time, values: [FIRED, RESOLVED] },
    { name: 'resolved', type: FieldType.time, values: [RESOLVED, null] },
    { name: 'detail', type: FieldType.string, values: ['quality 2.0% below baseline', 'quality 5.0% below baseline'] },
  ],
});

describe('alert firing annotations', () => {
  it('draws each firing from firing to resolved, a point while it still fires', () => {
    expect(alertFiringEvents(firings)).toEqual([
      {
        time: FIRED,
        timeEnd: RESOLVED,
        isRegion: true,
        title: 'P2 alert: Quality drop approaching the alert threshold',
        text: 'risk-assessment: quality 2.0% below baseline',
        tags: ['risk-assessment', 'P2', 'qualityDropMedium'],
      },
      {
        time: RESOLVED,
        timeEnd: undefined,
        isRegion: false,
        title: 'P1 alert: Quality drop at the alert threshold',
        text: 'risk-assessment: quality 5.0% below baseline',
        tags: ['risk-assessment', 'P1', 'qualityDropHigh'],
      },
    ]);
  });

  it('are events of the data source annotations, beside incidents', async () => {
    const frequency = createDataFrame({ name: 'alertFrequency', fields: [{ name: 'rule', values: ['fairness'] }] });
    const events = await lastValueFrom(incidentAnnotations.processEvents!({} as never, [frequency, firings]));
    expect(events).toHaveLength(2);
  });
});
