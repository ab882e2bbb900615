// dist/cli.js: starts the bundled server (dist/server.cjs, built from src/cli.ts), or for a Claude
// Code hook the lean hooks bundle (dist/hooks.cjs, from src/hooks.ts), from V8's code
// cache. A client starts this server at every session, and V8 compiling the bundle was a third of
// the start (README "Performance"); Node 20 has no compile cache of its own
// (module.enableCompileCache is Node 22+). The one thing written to stdout here is the early answer
// to `initialize` (src/early-initialize.ts): stdout carries JSON-RPC only.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { type HookName, isHookName } from './claude-code/hook-names.js';
import { type RecordedInitialize, answerInitializeEarly, startsServer } from './early-initialize.js';

/** Defined by scripts/build.mjs from the bundle's own answer; absent if the build could not record it. */
declare const RECORDED_INITIALIZE: RecordedInitialize | undefined;
const args = process.argv.slice(2);
const runServer = (): void => void runBundle('server.cjs');
if (args.length === 1 && isHookName(args[0])) runHooks(args[0]);
else if (typeof RECORDED_INITIALIZE === 'object' && startsServer(args)) answerInitializeEarly(RECORDED_INITIALIZE, runServer);
else runServer();

/**
 * A hook alone on the command line runs the lean hooks bundle (src/hooks.ts); it hands a
 * PostgreSQL store back to the full one. A copy without it (the Claude Desktop .mcpb carries only
 * the server) runs the hook in the full bundle.
 */
function runHooks(name: HookName): void {
  if (!existsSync(fileURLToPath(new URL('hooks.cjs', import.meta.url)))) return runServer();
  const { exports, digest } = runBundle('hooks.cjs');
  // The digest names the build, so the hooks' analysis caches of another build are never used.
  (exports as { runHookProcess: (name: HookName, fullCli: () => void, build: string) => Promise<void> }).runHookProcess(name, runServer, digest).catch((error: unknown) => {
    process.stderr.write(`data-engineer-mcp: fatal: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

function runBundle(file: string): { exports: unknown; digest: string } {
  const bundlePath = fileURLToPath(new URL(file, import.meta.url));
  const source = readFileSync(bundlePath, 'utf8');
  // V8 accepts a cache for any source of the same length, so the cache is named by the content:
  // a cache of another build is never used, however the files got there.
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cachePath = `${bundlePath}.${digest}.v8-cache`;
  const cachedData = readIfPresent(cachePath);
  // The CommonJS wrapper stays on the bundle's first line so stack traces keep their line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit the cache also holds every function the session compiled. A missing or rejected
    // cache (another Node version) is written again; a read-only install just starts slower.
    process.once('exit', () => saveCache(script, cachePath));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { exports: module.exports, digest };
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Best effort, never in the way of the exit: a unique temp file renamed, so no reader sees half. */
function saveCache(compiled: Script, path: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, compiled.createCachedData());
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The cache only saves time; nothing may stand in the way of the exit.
    }
  }
}
