import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { Sandbox } from '../support/sandbox.js';
import { call, startServer, textOf } from '../support/server-process.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.dispose());

describe('a memory folder that cannot be made', () => {
  const blocker = join(sandbox.root, 'not-a-folder');
  writeFileSync(blocker, 'a file where the memory folder should be');
  const memoryDir = join(blocker, 'memory');
  const project = sandbox.project();

  it('is named, with the --memory-dir that chose it, by the server', async () => {
    const server = await startServer({ args: ['--memory-dir', memoryDir], env: { DATA_ENGINEER_PROJECT: project } });
    try {
      const result = await call(server.client, 'add_memory', { type: 'pattern', content: 'Use surrogate keys everywhere' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/ENOTDIR.*The memory folder is .*not-a-folder\/memory, from --memory-dir; to use another, change --memory-dir\./u);
      expect(textOf(result)).not.toContain('DATA_ENGINEER_MEMORY_DIR');
    } finally {
      await server.close();
    }
  });

  it('is named, with the DATA_ENGINEER_MEMORY_DIR that chose it, by a server that keeps running', async () => {
    const server = await startServer({ env: { DATA_ENGINEER_PROJECT: project, DATA_ENGINEER_MEMORY_DIR: memoryDir } });
    try {
      const add = await call(server.client, 'add_memory', { type: 'pattern', content: 'Cannot be stored here' });
      const info = await call(server.client, 'memory_info');

      expect(add.isError).toBe(true);
      expect(textOf(add)).toContain(memoryDir);
      expect(textOf(add)).toMatch(/ENOTDIR.*DATA_ENGINEER_MEMORY_DIR/u);
      expect(info.isError).toBeFalsy();
      expect(info.structuredContent.problem).toMatch(/ENOTDIR/u);
      expect(readFileSync(blocker, 'utf8')).toBe('a file where the memory folder should be');
    } finally {
      await server.close();
    }
  });

  it('is named the same way by a command, which exits 1', () => {
    const run = runCli(['add', '--type', 'pattern', '--memory-dir', memoryDir, '--project', project, 'Use surrogate keys everywhere']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ENOTDIR.*from --memory-dir; to use another, change --memory-dir\./u);
  });
});
