// Four files and their caches, because a client starts this server at every session (README
// "Performance"): dist/server.cjs is src/cli.ts bundled and minified (resolving and reading ~300
// module files cost more than the server's own work); dist/hooks.cjs is src/hooks.ts, the Claude
// Code hooks without the server's weight, and dist/hooks-fast.cjs their fast path; dist/cli.js (src/launch.ts) compiles either from V8's
// code cache, which this build primes by running the server and a hook once.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { builtPhraseTable } from './build/phrase-table.mjs';
import { buildPlugin } from './build/plugin.mjs';
import { primeCodeCache, primeHookCodeCache } from './build/prime-code-cache.mjs';
import { recordInitialize } from './build/record-initialize.mjs';
import { englishOnlyZodLocales, noAjvProvider, noJsFunctionYamlType, noProcessBindingInSecretlint } from './build/trim-plugins.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // CommonJS, not ESM: only a classic script can be compiled from a code cache with node:vm.
  format: 'cjs',
  minify: true,
  // The fact-phrase table, made from the source at build (scripts/build/phrase-table.mjs).
  define: { 'import.meta.url': '__importMetaUrl', BUILT_PHRASE_TABLE: JSON.stringify(await builtPhraseTable()) },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};

// A clean folder: no cache of an earlier build, no files of an older layout.
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
// package.json says "type": "module"; this one makes dist/cli.js the CommonJS it is.
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/server.cjs',
  sourcemap: 'linked',
  legalComments: 'linked',
  plugins: [noJsFunctionYamlType, englishOnlyZodLocales, noAjvProvider, noProcessBindingInSecretlint],
  // The .mcpb carries no package.json, so the bundle knows its own version (src/config.ts).
  define: { ...common.define, BUILT_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
});
// The Claude Code hooks start a process per event: their own bundle leaves out the SDK, the HTTP
// server, pg and commander (src/hooks.ts).
await build({
  ...common,
  entryPoints: ['src/hooks.ts'],
  outfile: 'dist/hooks.cjs',
  sourcemap: 'linked',
  legalComments: 'linked',
  plugins: [noJsFunctionYamlType, englishOnlyZodLocales, noProcessBindingInSecretlint],
  define: { ...common.define, BUILT_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
});
// Their fast path (src/hooks-fast.ts), run first: what the hooks kept beside a store, without zod.
// It knows the hooks bundle's digest (as dist/cli.js names it), which names what that one kept.
const hooksBuild = createHash('sha256').update(readFileSync('dist/hooks.cjs', 'utf8')).digest('hex').slice(0, 16);
const fast = await build({
  ...common,
  metafile: true,
  entryPoints: ['src/hooks-fast.ts'],
  outfile: 'dist/hooks-fast.cjs',
  sourcemap: 'linked',
  define: { ...common.define, HOOKS_BUILD: JSON.stringify(hooksBuild), BUILT_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
});
// Its point is what it leaves out: zod alone cost each hook process ~20 ms to load (src/domain/memory.ts).
const bundled = Object.entries(fast.metafile.outputs['dist/hooks-fast.cjs'].inputs).filter(([, input]) => input.bytesInOutput > 0);
const heavy = bundled.map(([path]) => path).filter((path) => /node_modules[\\/](zod|@secretlint|js-yaml)[\\/]/u.test(path));
if (heavy.length > 0) throw new Error(`dist/hooks-fast.cjs must not bundle ${heavy[0]} (imported through a module with effects at load?)`);
// The launcher answers initialize with the bundle's own recorded answer while the bundle loads.
const recorded = await recordInitialize('dist/server.cjs');
await build({
  ...common,
  entryPoints: ['src/launch.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  define: { ...common.define, ...(recorded ? { RECORDED_INITIALIZE: JSON.stringify(recorded) } : {}) },
});
chmodSync('dist/cli.js', 0o755);
await primeCodeCache('dist/cli.js');
await primeHookCodeCache('dist/cli.js');
await buildPlugin();
