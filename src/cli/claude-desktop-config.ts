import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Refusal } from './command.js';

export interface ServerEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Where Claude Desktop reads its servers (Linux: the unofficial builds' XDG place). */
export function claudeDesktopConfigPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Claude', 'claude_desktop_config.json');
}

export interface MergeOutcome {
  file: string;
  backup?: string;
  replaced: boolean;
}

/**
 * Puts our entry under mcpServers and keeps every other server and setting as it was. The file
 * as found is copied aside first; a file that is not a JSON object is refused and not touched.
 */
export function mergeServerEntry(file: string, name: string, entry: ServerEntry, now: Date): MergeOutcome {
  const found = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const config = found === undefined || found.trim() === '' ? {} : parseConfig(file, found);
  const servers = config.mcpServers ?? {};
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) {
    throw new Refusal(`${file}: "mcpServers" is not an object, so the entry cannot be added; fix the file by hand. Nothing was changed.`);
  }
  const replaced = Object.hasOwn(servers, name);
  const merged = { ...config, mcpServers: { ...(servers as Record<string, unknown>), [name]: entry } };
  mkdirSync(dirname(file), { recursive: true });
  let backup: string | undefined;
  if (found !== undefined) {
    backup = `${file}.${now.toISOString().replace(/[:.]/gu, '-')}.bak`;
    copyFileSync(file, backup);
  }
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(merged, null, 2)}\n`);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Refusal(`${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed.`);
  }
  return { file, replaced, ...(backup ? { backup } : {}) };
}

function parseConfig(file: string, text: string): Record<string, unknown> & { mcpServers?: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Refusal(`${file} is not valid JSON (${(error as Error).message}); fix it or move it aside, then retry. Nothing was changed.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Refusal(`${file} does not hold a JSON object; fix it or move it aside, then retry. Nothing was changed.`);
  }
  return parsed as Record<string, unknown>;
}
