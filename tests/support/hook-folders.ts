import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HookSettings } from '../../src/claude-code/run-hook.js';
import { resolveProject, storePathFor } from '../../src/domain/project.js';
import { JsonStoreEngine } from '../../src/domain/store/json-engine.js';
import { tempDir } from './server-process.js';

/** A temp folder holding a project `shop` and the hooks' settings for it, as the plugin runs them. */
export interface HookFolders {
  root: string;
  project: string;
  settings: HookSettings;
  /** Where the project's JSON store goes (not made). */
  storePath: string;
}

/**
 * The hooks on real temp folders: a JSON store in `<root>/memory` (3 lock tries, so a held lock
 * fails fast), the repository's agents, per-session state in `sessionDir` (default
 * `<root>/sessions`). The caller removes `root`.
 */
export function hookFolders(prefix: string, { sessionDir = (root: string) => join(root, 'sessions'), promptMemoryChars = 4_000 } = {}): HookFolders {
  const root = tempDir(prefix);
  const project = join(root, 'shop');
  mkdirSync(project);
  const memoryDir = join(root, 'memory');
  const settings: HookSettings = {
    engine: new JsonStoreEngine(memoryDir, () => ({ lock: { maxTries: 3 } })),
    memoryDir,
    agentDirs: [join(import.meta.dirname, '../../agents')],
    sessionDir: sessionDir(root),
    promptMemoryChars,
    maxMemoriesPerAgent: 1_000,
  };
  return { root, project, settings, storePath: storePathFor(memoryDir, resolveProject(project, 'cwd').key) };
}
