// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no IntersectionObserver; @grafana/scenes' lazy loader creates one at import.
if (typeof global.IntersectionObserver === 'undefined') {
  global.IntersectionObserver = class IntersectionObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
}

// waitFor/findBy give up after 1 s by default; on a loaded 2-core machine a
// resource answer can take longer to render. The test timeout still bounds them.
const { configure } = require('@testing-library/react');
configure({ asyncUtilTimeout: 8000 });
