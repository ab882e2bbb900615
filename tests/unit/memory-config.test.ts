import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { readConfig, type Config } from '../../src/config.js';
import { MAX_ACTIVE_PER_AGENT_DEFAULT } from '../../src/domain/memory-service.js';
import { PROMPT_MEMORY_CHARS_DEFAULT } from '../../src/domain/prompt-memory.js';
import { tempDir } from '../support/server-process.js';

// The prompt's memory budget and the per-agent cap, read once from the environment.

const cwd = tempDir('dem-recall-config-');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const configWith = (env: Record<string, string>) => readConfig({}, { DATA_ENGINEER_MEMORY_DIR: cwd, ...env }, cwd) as Config;

describe('DATA_ENGINEER_MAX_MEMORIES_PER_AGENT and DATA_ENGINEER_PROMPT_MEMORY_CHARS', () => {
  it('default to 1,000 memories and 4,000 characters', () => {
    const config = configWith({});
    expect([config.maxMemoriesPerAgent, config.promptMemoryChars]).toEqual([MAX_ACTIVE_PER_AGENT_DEFAULT, PROMPT_MEMORY_CHARS_DEFAULT]);
    expect([MAX_ACTIVE_PER_AGENT_DEFAULT, PROMPT_MEMORY_CHARS_DEFAULT]).toEqual([1_000, 4_000]);
  });

  it('take whole numbers from the environment', () => {
    const config = configWith({ DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: '5', DATA_ENGINEER_PROMPT_MEMORY_CHARS: '600' });
    expect([config.maxMemoriesPerAgent, config.promptMemoryChars]).toEqual([5, 600]);
  });

  it.each(['0', '-3', '2.5', 'many'])('refuse %s, naming the variable and its default', (value) => {
    expect(() => configWith({ DATA_ENGINEER_MAX_MEMORIES_PER_AGENT: value })).toThrow(/DATA_ENGINEER_MAX_MEMORIES_PER_AGENT=".*" must be a positive whole number \(default 1000\)/u);
    expect(() => configWith({ DATA_ENGINEER_PROMPT_MEMORY_CHARS: value })).toThrow(/DATA_ENGINEER_PROMPT_MEMORY_CHARS=".*" must be a positive whole number \(default 4000\)/u);
  });
});

describe('--store and DATA_ENGINEER_STORE', () => {
  it('keep the JSON files of the memory folder when unset', () => {
    expect(configWith({}).postgres).toBeUndefined();
  });

  it('take a postgres:// URL, with the pool size and statement timeout from the environment', () => {
    const url = 'postgres://team:secret@db.internal:5432/memory';
    expect(configWith({ DATA_ENGINEER_STORE: url }).postgres).toEqual({ url, poolSize: 4, statementTimeoutMs: 15_000 });
    const tuned = readConfig({ store: url }, { DATA_ENGINEER_PG_POOL_SIZE: '9', DATA_ENGINEER_PG_STATEMENT_TIMEOUT_MS: '2500' }, cwd);
    expect(tuned.postgres).toEqual({ url, poolSize: 9, statementTimeoutMs: 2_500 });
  });

  it('take a folder as the memory folder', () => {
    const config = readConfig({ store: 'elsewhere' }, {}, cwd);
    expect([config.postgres, config.memoryDir]).toEqual([undefined, `${cwd}/elsewhere`]);
  });
});
