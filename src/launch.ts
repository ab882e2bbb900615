// dist/cli.js: starts the bundled server (dist/server.cjs, built from src/cli.ts), or for a Claude
// Code hook the lean hooks bundle (dist/hooks.cjs, from src/hooks.ts), from V8's code
// cache. A client starts this server at every session, and V8 compiling the bundle was a third of
// the start (README "Performance"); Node 20 has no compile cache of its own
// (module.enableCompileCache is Node 22+). The one thing written to stdout here is the early answer
// to `initialize` (src/early-initialize.ts): stdout carries JSON-RPC only.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * A hook alone on the command line runs the hooks' fast path (src/hooks-fast.ts), which answers
 * from what was kept beside the store, and else the lean hooks bundle (src/hooks.ts) with the
 * input it read; that one hands a PostgreSQL store back to the full bundle. A copy without them
 * (the Claude Desktop .mcpb carries only the server) runs the hook in the full bundle.
 */
function runHooks(name: HookName): void {
  type RunHook = (name: HookName, fullCli: () => void, build: string, stdin?: string) => Promise<void>;
  const full = (stdin?: string): void | Promise<void> => {
    const hooks = bundleSource('hooks.cjs');
    if (!hooks) return runServer();
    return (runBundle('hooks.cjs', hooks).exports as { runHookProcess: RunHook }).runHookProcess(name, runServer, hooks.digest, stdin);
  };
  const fast = bundleSource('hooks-fast.cjs');
  const answered = fast ? (runBundle('hooks-fast.cjs', fast).exports as { fastHook: (name: HookName) => Promise<string | undefined> }).fastHook(name).then(full) : Promise.resolve(full());
  answered.catch((error: unknown) => {
    process.stderr.write(`data-engineer-mcp: fatal: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

interface BundleSource {
  path: string;
  source: string;
  /** Names the content: V8 accepts a cache for any source of the same length, so a cache of another build is never used, however the files got there. */
  digest: string;
}

function bundleSource(file: string): BundleSource | undefined {
  const path = fileURLToPath(new URL(file, import.meta.url));
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  // The digest of the bytes, which for the bundles (UTF-8, ASCII even) is that of the text, as
  // scripts/build.mjs names them; hashing the string encoded it again (~0.5 ms a hook).
  return { path, source: bytes.toString('utf8'), digest: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

function runBundle(file: string, found = bundleSource(file)): { exports: unknown } {
  if (!found) throw new Error(`${file} is missing beside dist/cli.js; reinstall the package`);
  const { path: bundlePath, source, digest } = found;
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
  return { exports: module.exports };
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
