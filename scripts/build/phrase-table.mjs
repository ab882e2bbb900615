// The fact-phrase table (src/domain/recall/fact-tokens.ts phraseTable), made once at build from
// the source and its data (equivalents.ts) and embedded in the bundles as BUILT_PHRASE_TABLE (its JSON):
// made at run time, its folding cost the first capture of each hook process ~5-17 ms.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/** The table as JSON, from bundling fact-tokens.ts alone and running its phraseTable(). */
export async function builtPhraseTable() {
  const bundled = await build({ entryPoints: ['src/domain/recall/fact-tokens.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return JSON.stringify(module.exports.phraseTable());
}
