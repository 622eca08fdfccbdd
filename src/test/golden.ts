import { readFileSync } from 'fs';
import path from 'path';
import { type DataFrame, type DataFrameJSON, dataFrameFromJSON } from '@grafana/data';

/** The directory of the backend's golden responses (pkg/plugin/golden_test.go). */
const GOLDEN_DIR = path.resolve(__dirname, '../../pkg/plugin/testdata/golden');

/**
 * The frames the Go backend returns for a query type on the provisioned demo,
 * read from its golden file: tests that use them check the Go↔TypeScript
 * contract instead of copying it into hand-built frames.
 */
export function goldenFrames(queryType: string): DataFrame[] {
  const text = readFileSync(path.join(GOLDEN_DIR, `${queryType}.jsonc`), 'utf8');
  const json = text
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');
  const body = JSON.parse(json) as { frames?: DataFrameJSON[] };
  return (body.frames ?? []).map((f) => dataFrameFromJSON(f));
}
