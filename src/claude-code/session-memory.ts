import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Per-session state lives in Claude Code's CLAUDE_PLUGIN_DATA for the plugin, else beside the stores. */
export const sessionDirOf = (env: NodeJS.ProcessEnv, memoryDir: string): string => (env.CLAUDE_PLUGIN_DATA ? `${env.CLAUDE_PLUGIN_DATA}/sessions` : defaultSessionDir(memoryDir));
export const defaultSessionDir = (memoryDir: string): string => join(memoryDir, '.claude-code-sessions');

/** Ids a session was given; past this the oldest are forgotten (and may be given again). */
const MAX_IDS = 500;
/** Session files untouched this long belong to sessions that ended. */
const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Pruning reads the folder: once in this many writes is enough to keep it bounded. */
const PRUNE_ONE_IN = 20;

/**
 * Which memories one Claude Code session was already given (by the SessionStart summary or an
 * earlier recall), so a recall does not repeat them. One small file per session in the
 * plugin's data folder; files of sessions unseen for a week are removed.
 */
export class SessionMemory {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async given(sessionId: string): Promise<Set<string>> {
    try {
      const ids = (JSON.parse(await readFile(this.file(sessionId), 'utf8')) as { ids?: unknown }).ids;
      return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
    } catch {
      return new Set(); // none yet, or a file cut short: at worst a memory is given twice
    }
  }

  /** Adds to what the session was given; `reset` starts over (a cleared or compacted conversation forgot them). */
  async remember(sessionId: string, ids: readonly string[], { reset = false } = {}): Promise<void> {
    const all = reset ? ids : [...(await this.given(sessionId)), ...ids];
    const kept = [...new Set(all)].slice(-MAX_IDS);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.file(sessionId);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ ids: kept }), { mode: 0o600 });
    await rename(temp, path);
    if (Math.random() * PRUNE_ONE_IN < 1) await this.prune();
  }

  private file(sessionId: string): string {
    return join(this.dir, `${sessionId.replace(/[^A-Za-z0-9_-]/gu, '_').slice(0, 100) || 'session'}.json`);
  }

  private async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && this.now() - info.mtimeMs > SESSION_TTL_MS) await rm(path, { force: true });
    }
  }
}
