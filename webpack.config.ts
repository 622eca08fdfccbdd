import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

// The scaffold copies the app's own README and logos; the nested data source
// and panels ship theirs too, so the catalog shows each plugin properly.
const nestedPluginAssets = ['datasource', 'panels/drift', 'panels/fairness'].flatMap((dir) => [
  { from: `${dir}/README.md`, to: `${dir}/README.md` },
  { from: `${dir}/img/*.svg`, to: `${dir}/img/[name][ext]` },
]);

const config = async (env: Env): Promise<Configuration> =>
  merge(await grafanaConfig(env), {
    plugins: [new CopyWebpackPlugin({ patterns: nestedPluginAssets })],
  });

export default config;
