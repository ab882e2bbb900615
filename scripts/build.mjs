// One bundled, minified file: a client starts this server at every session, and resolving and
// reading ~300 module files costs more than the server's own work (see README "Performance").
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * js-yaml 3 (under gray-matter) loads esprima at start-up for its `!!js/function` type, a type
 * gray-matter's safe YAML loading never uses. Replacing that one module with a type that never
 * matches saves loading esprima on every start and keeps code-in-YAML impossible.
 */
const noJsFunctionType = {
  name: 'no-js-function-yaml-type',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, () => ({
      contents: "var Type = require('../../type');\nmodule.exports = new Type('tag:yaml.org,2002:js/function', { kind: 'scalar', resolve: function () { return false; } });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  // CommonJS dependencies (gray-matter, proper-lockfile) call require(); ESM output needs one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  plugins: [noJsFunctionType],
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
