import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectKey, storePathFor } from '../../src/domain/project.js';
import { type StoreData, parseStore } from '../../src/domain/store/store-file.js';
import { type Started, startServer, tempDir } from './server-process.js';

/** Preloaded into a server to report any change to the built-in prototypes on stderr. */
export const PROTOTYPE_SENTINEL = pathToFileURL(join(import.meta.dirname, 'prototype-sentinel.mjs')).href;
export const PROTOTYPE_POLLUTED = 'PROTOTYPE POLLUTED';

/**
 * One throw-away world per test: a project folder, a memory folder and an agents folder under
 * one temp root. Every server started here is stopped and the root removed by `dispose()`, even
 * when the test failed half-way.
 */
export class ReliabilitySandbox {
  readonly root = tempDir('dem-rel-');
  readonly projectDir = join(this.root, 'project');
  readonly agentsDir = join(this.root, 'agents');
  memoryDir = join(this.root, 'memory');
  private readonly servers: Started[] = [];

  constructor() {
    mkdirSync(this.projectDir);
    mkdirSync(this.agentsDir);
  }

  /** Where the server stores this project's memories (the project folder is already a real path). */
  get storePath(): string {
    return storePathFor(this.memoryDir, projectKey(this.projectDir));
  }

  get lockPath(): string {
    return `${this.storePath}.lock`;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATA_ENGINEER_PROJECT: this.projectDir,
      DATA_ENGINEER_MEMORY_DIR: this.memoryDir,
      DATA_ENGINEER_AGENTS_DIR: this.agentsDir,
      ...extra,
    };
  }

  async start(extra: Record<string, string> = {}): Promise<Started> {
    const started = await startServer({ env: this.env(extra), cwd: this.root });
    this.servers.push(started);
    return started;
  }

  /** Starts `count` servers on the same project at once, as several client sessions would. */
  startMany(count: number, extra: Record<string, string> = {}): Promise<Started[]> {
    return Promise.all(Array.from({ length: count }, () => this.start(extra)));
  }

  /** The store as the server would parse it; fails the test if it is not a valid store. */
  readStore(): StoreData {
    const parsed = parseStore(readFileSync(this.storePath, 'utf8'));
    if (!parsed.ok) throw new Error(`store ${this.storePath} does not parse: ${parsed.problem.kind}: ${parsed.problem.detail}`);
    return parsed.data;
  }

  storeBytes(): Buffer | undefined {
    return existsSync(this.storePath) ? readFileSync(this.storePath) : undefined;
  }

  /** Files beside the store whose names start with the store's name plus `suffix` (e.g. ".corrupt-"). */
  filesBesideStore(suffix: string): string[] {
    const prefix = `${basename(this.storePath)}${suffix}`;
    const dir = dirname(this.storePath);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.startsWith(prefix))
      .sort()
      .map((name) => join(dir, name));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close().catch(() => undefined)));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Polls `check` until it holds; fails with `what` after `timeoutMs` (a generous upper bound, not a timing claim). */
export async function eventually(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
