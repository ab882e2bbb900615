// Part of dist/cli.js (the launcher): answers the client's `initialize` before the bundle loads.
// Loading the bundle (the SDK builds some 300 zod schemas at import, then our tools and
// agents) cost ~40 ms before the first answer, on a ~30 ms Node start (issue #17: 71 vs 31 ms).
// `initialize` needs none of it: its answer is fixed for a build, so the build records it from
// the bundle itself (scripts/build/record-initialize.mjs) and the launcher replays it. The
// request still goes to the server, which sets up from it as ever; its own answer is then dropped,
// after a check that it says the same.
import { fstatSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

/** What the build recorded: the SDK's protocol versions and the bundle's initialize result. */
export interface RecordedInitialize {
  /** The SDK's SUPPORTED_PROTOCOL_VERSIONS. */
  supportedVersions: string[];
  /** The SDK's LATEST_PROTOCOL_VERSION: the answer to a version it does not support. */
  latestVersion: string;
  /** The bundle's initialize result, less `protocolVersion` (which depends on the request). */
  result: Record<string, unknown>;
}

/** The program options every command shares (src/cli/program.ts), each taking a value. */
export const SHARED_VALUE_OPTIONS = ['--project', '--project-name', '--memory-dir', '--store', '--log-level'];

/**
 * Whether the arguments start the stdio server: no command but `serve`, only the shared options.
 * Anything else (a command, --help, an option this does not know) is left to the CLI: taking a
 * server for a command only costs the early answer, never a wrong one.
 */
export function startsServer(argv: readonly string[]): boolean {
  let sawServe = false;
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]!;
    if (SHARED_VALUE_OPTIONS.includes(token)) i += 1;
    else if (SHARED_VALUE_OPTIONS.some((option) => token.startsWith(`${option}=`))) continue;
    else if (token === 'serve' && !sawServe) sawServe = true;
    else return false;
  }
  return true;
}

/**
 * Waits one turn of the event loop for what the client has written to stdin and, when it starts
 * with an `initialize` the SDK would accept, answers it with the recorded result; then `then()`
 * loads the server. A client writes its initialize as soon as it has spawned the process, long
 * before Node has booted, so that turn's poll finds it; a client that has not written yet gets
 * its answer from the server, as before. Everything read is handed on to the server's stdin
 * listener, so the server reads the same stream as if nothing had happened. Only on a pipe or a
 * socket (what MCP clients give) and not on Windows, whose pipes this has not been tried on.
 */
export function answerInitializeEarly(recorded: RecordedInitialize, then: () => void): void {
  if (process.platform === 'win32' || !isPipe()) return then();
  const stdin = process.stdin;
  const chunks: Buffer[] = [];
  let ended = false;
  const onData = (chunk: Buffer) => chunks.push(chunk);
  const onEnd = () => (ended = true);
  stdin.on('data', onData);
  stdin.once('end', onEnd);
  setImmediate(() => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.pause();
    const bytes = Buffer.concat(chunks);
    const request = initializeRequest(bytes);
    if (request) {
      const { protocolVersion } = request.params;
      const result = { protocolVersion: recorded.supportedVersions.includes(protocolVersion) ? protocolVersion : recorded.latestVersion, ...recorded.result };
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result })}\n`);
      dropServersAnswer(request.id, result);
    }
    handOn(bytes, ended);
    then();
  });
}

/**
 * Gives what was read to the server's stdin listener once it has one, and lets the rest of stdin
 * flow only a turn later. Not readable.unshift(): the stream could join those bytes with what the
 * client sends next (`notifications/initialized`), and the SDK runs a notification's handler
 * before an earlier request's in the same chunk, so the server would hear "initialized" before it
 * had read the client's capabilities (and never ask for its roots).
 */
function handOn(bytes: Buffer, ended: boolean): void {
  const stdin = process.stdin;
  const onListener = (event: string | symbol) => {
    if (event !== 'data') return;
    stdin.off('newListener', onListener);
    // 'newListener' comes before the listener is added; what follows waits until it is.
    setImmediate(() => {
      if (bytes.length > 0) stdin.emit('data', bytes);
      // The stream said 'end' while only this listened; the server must hear it too.
      if (ended) stdin.emit('end');
      else setImmediate(() => stdin.resume());
    });
  };
  stdin.on('newListener', onListener);
}

function isPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

interface InitializeRequest {
  id: string | number;
  params: { protocolVersion: string };
}

/** The shape the SDK's InitializeRequestSchema accepts; anything less is the SDK's to answer. */
function initializeRequest(bytes: Buffer): InitializeRequest | undefined {
  const end = bytes.indexOf(0x0a);
  if (end < 0) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(message) || message.jsonrpc !== '2.0' || message.method !== 'initialize') return undefined;
  const { id, params } = message;
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id))) || !isObject(params)) return undefined;
  const { protocolVersion, capabilities, clientInfo } = params;
  if (typeof protocolVersion !== 'string' || !isObject(capabilities) || !Object.values(capabilities).every(isObject)) return undefined;
  if (!isObject(clientInfo) || typeof clientInfo.name !== 'string' || typeof clientInfo.version !== 'string') return undefined;
  return { id, params: { protocolVersion } };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The server answers the same request once it has loaded; the client must hear one answer. */
function dropServersAnswer(id: string | number, sent: Record<string, unknown>): void {
  const stdout = process.stdout;
  const write = stdout.write;
  const intercept = (chunk: unknown, ...rest: unknown[]): boolean => {
    const message = typeof chunk === 'string' ? parseMessage(chunk) : undefined;
    if (message?.id !== id || !('result' in message || 'error' in message)) return Reflect.apply(write, stdout, [chunk, ...rest]) as boolean;
    stdout.write = write;
    if (!isDeepStrictEqual(message.result, sent)) {
      process.stderr.write(`data-engineer-mcp: warning: the recorded initialize answer differs from the server's own (${JSON.stringify(message).slice(0, 300)}); rebuild with npm run build\n`);
    }
    const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  };
  stdout.write = intercept as typeof stdout.write;
}

function parseMessage(line: string): Record<string, unknown> | undefined {
  try {
    const message: unknown = JSON.parse(line);
    return isObject(message) ? message : undefined;
  } catch {
    return undefined;
  }
}
