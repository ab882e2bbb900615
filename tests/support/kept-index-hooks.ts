import { join } from 'node:path';
import { type HookSettings, runHook } from '../../src/claude-code/run-hook.js';
import { readConfig } from '../../src/config.js';
import { fastAnswer } from '../../src/hooks-fast.js';
import { hookFolders } from './hook-folders.js';

/**
 * The hooks around the search index a recall keeps beside the store (<store>.recall.index), on
 * real temp folders: `plain` keeps no analysis cache, `cached` does (as the built plugin runs),
 * and `fast` answers as the fast path of dist/hooks-fast.cjs would. The caller removes `root`.
 */
export function keptIndexHooks(prefix: string, { maxMemoriesPerAgent = 1_000, captureWith = 'plain' }: { maxMemoriesPerAgent?: number; captureWith?: 'plain' | 'cached' } = {}) {
  const folders = hookFolders(prefix, { sessionDir: (dir) => join(dir, 'plugin-data', 'sessions') });
  const { root, project, storePath } = folders;
  const plain: HookSettings = { ...folders.settings, maxMemoriesPerAgent };
  const cached: HookSettings = { ...plain, analysisCacheCode: 'build-1' };
  const env = { CLAUDE_PLUGIN_DATA: join(root, 'plugin-data'), DATA_ENGINEER_MEMORY_DIR: plain.memoryDir };
  const prompt = (text: string, session: string) => JSON.stringify({ cwd: project, session_id: session, hook_event_name: 'UserPromptSubmit', prompt: text });
  return {
    root,
    project,
    storePath,
    indexPath: `${storePath}.recall.index`,
    plain,
    cached,
    /** A Stop whose reply holds one memory block per content. */
    capture: (contents: string[], settings = captureWith === 'plain' ? plain : cached) =>
      runHook('capture', JSON.stringify({ cwd: project, hook_event_name: 'Stop', last_assistant_message: contents.map((content) => `# Add To Memory:\nType: performance\nContent: ${content}\n#`).join('\n') }), settings),
    ask: (text: string, session: string, settings = cached) => runHook('recall', prompt(text, session), settings),
    fast: (text: string, session: string) => fastAnswer('recall', prompt(text, session), { config: readConfig({}, env, root), build: 'build-1', env }),
  };
}

const TOPICS = ['events', 'orders', 'invoices', 'refunds', 'clicks'];
/** `count` distinct memory contents from note `from` on, five tables taking turns. */
export const notes = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `Partition the ${TOPICS[(from + i) % TOPICS.length]} table by day (note ${from + i})`);
export const PROMPTS = ['Partition the events table by day', 'orders table partition', 'note 302 invoices', 'refunds by day note 21'];
