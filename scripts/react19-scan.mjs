// React 19 readiness without @grafana/react-detect: scans the built bundles
// (dist/, nested plugins included) and the sources for the APIs React 19
// removed, and for a bundled React 18 JSX runtime (whose elements React 19
// refuses). Prints each finding and ends with "N passed, N failed".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const removed = [
  ['ReactDOM.findDOMNode', /\bfindDOMNode\b/],
  ['ReactDOM.unmountComponentAtNode', /\bunmountComponentAtNode\b/],
  ['ReactDOM.render / hydrate', /\bReactDOM\.(render|hydrate)\(/],
  ['React.createFactory', /\bcreateFactory\b/],
  ['legacy context', /\b(contextTypes|childContextTypes|getChildContext)\b/],
  ['propTypes / defaultProps', /\b(propTypes|defaultProps)\b/],
  ['string refs', /\bref=["']/],
  ['react-dom/test-utils', /react-dom\/test-utils/],
  ['React internals', /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/],
  ['bundled React 18 JSX runtime', /Symbol\.for\(["']react\.element["']\)/],
];

function files(dir, keep) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) {
      return [];
    }
    return statSync(path).isDirectory() ? files(path, keep) : keep(name) ? [path] : [];
  });
}

const targets = [
  ...files('dist', (n) => n.endsWith('.js')),
  ...files('src', (n) => /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n)),
];
if (!targets.some((f) => f.startsWith('dist'))) {
  console.error('dist/ holds no JavaScript: run npm run build first');
  process.exit(1);
}
let passed = 0;
let failed = 0;
for (const [api, pattern] of removed) {
  const hits = targets.filter((f) => pattern.test(readFileSync(f, 'utf8')));
  if (hits.length === 0) {
    passed++;
    console.log(`ok   ${api}: not used`);
  } else {
    failed++;
    console.log(`FAIL ${api}: used in ${hits.slice(0, 5).join(', ')}`);
  }
}
console.log(`scanned ${targets.length} files`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
