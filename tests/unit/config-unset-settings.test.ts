import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { PROMPT_MEMORY_CHARS_DEFAULT } from '../../src/domain/prompt-memory.js';
import { tempDir } from '../support/server-process.js';

// Claude Desktop passes an optional .mcpb setting the user left empty as the unreplaced
// `${user_config.…}` placeholder (or, cleared, as ''): either must mean the default, never a path.
const cwd = tempDir('dem-config-unset-');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const configWith = (env: Record<string, string>) => readConfig({}, env, cwd);
const checkout = resolve(import.meta.dirname, '../..');

describe('a setting that is empty or an unreplaced ${…} placeholder', () => {
  it.each(['', '  ', '${user_config.memory_dir}'])('%j as the memory folder means the default folder', (value) => {
    const config = configWith({ DATA_ENGINEER_MEMORY_DIR: value });
    expect(config.memoryDir).toBe(join(checkout, 'memory'));
    expect(config.memoryDirSetBy).toBeUndefined();
  });

  it.each(['', '${user_config.project_dir}'])('%j as the project means no explicit project', (value) => {
    const config = configWith({ DATA_ENGINEER_PROJECT: value, DATA_ENGINEER_MEMORY_DIR: cwd });
    expect(config.explicitProject).toBeUndefined();
    expect(config.fallbackProject.root).toBe(cwd);
  });

  it.each(['', '${user_config.prompt_memory_chars}'])('%j as the prompt budget means the default budget', (value) => {
    expect(configWith({ DATA_ENGINEER_PROMPT_MEMORY_CHARS: value, DATA_ENGINEER_MEMORY_DIR: cwd }).promptMemoryChars).toBe(PROMPT_MEMORY_CHARS_DEFAULT);
  });

  it('is still read when it only contains a placeholder among other text', () => {
    const config = configWith({ DATA_ENGINEER_MEMORY_DIR: join(cwd, '${not-a-placeholder-alone}') });
    expect(config.memoryDir).toBe(join(cwd, '${not-a-placeholder-alone}'));
  });
});
