// esbuild plugins that keep code out of the bundle which the server never runs: every byte of
// the bundle is read and parsed at every start.
import { readFile } from 'node:fs/promises';

/** Replaces one module, found by a path pattern, with `contents`. */
const replaceModule = (name, filter, contents) => ({
  name,
  setup(build) {
    build.onLoad({ filter }, () => ({ contents, loader: 'js' }));
  },
});

/**
 * js-yaml 3 (under gray-matter) loads esprima at start-up for its `!!js/function` type, a type
 * gray-matter's safe YAML loading never uses. A type that never matches saves loading esprima
 * and keeps code-in-YAML impossible.
 */
export const noJsFunctionYamlType = replaceModule(
  'no-js-function-yaml-type',
  /js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/,
  "var Type = require('../../type');\nmodule.exports = new Type('tag:yaml.org,2002:js/function', { kind: 'scalar', resolve: function () { return false; } });",
);

/**
 * zod 4 exports its ~50 message locales (260 KB) as `z.locales`; it configures English itself
 * from locales/en.js, and nothing here switches locale.
 */
export const englishOnlyZodLocales = replaceModule(
  'english-only-zod-locales',
  /zod[\\/]v4[\\/]locales[\\/]index\.js$/,
  "export { default as en } from './en.js';",
);

/**
 * The SDK's default elicitation validator is Ajv (110 KB with its formats). createServer passes
 * its own validator (the server never elicits), so the default is never built.
 */
export const noAjvProvider = replaceModule(
  'no-ajv-provider',
  /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/](esm|cjs)[\\/]validation[\\/]ajv-provider\.js$/,
  "export class AjvJsonSchemaValidator { constructor() { throw new Error('data-engineer-mcp passes its own jsonSchemaValidator; Ajv is not bundled'); } }",
);

/**
 * secretlint's preset bundles lodash.sortby, which as it loads asks `process.binding('util')`
 * (a deprecated internal API that loads more of Node's internals) for a faster typed-array test:
 * the largest single cost in a Claude Code hook's start after Node's own. Without the binding
 * lodash uses its own test, with the same answers.
 */
export const noProcessBindingInSecretlint = {
  name: 'no-process-binding-in-secretlint',
  setup(build) {
    build.onLoad({ filter: /@secretlint[\\/]secretlint-rule-preset-recommend[\\/]module[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace("freeProcess && freeProcess.binding('util')", 'undefined');
      const warnings = patched === source ? [{ text: 'process.binding call not found in the secretlint preset: scripts/build/trim-plugins.mjs needs updating' }] : [];
      return { contents: patched, loader: 'js', warnings };
    });
  },
};
