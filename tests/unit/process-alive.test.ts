import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/domain/store/process-alive.js';

describe('whether the process behind a pid is alive (lock holders, captures holding kept blocks)', () => {
  it('is yes for a running process and no for a zombie its parent never reaps', async () => {
    // The shell starts a short child, prints its pid, then becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', 'true & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const zombie = Number(line.toString().trim());
      await sleep(200);
      expect(isProcessAlive(parent.pid!)).toBe(true);
      expect(isProcessAlive(zombie)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
