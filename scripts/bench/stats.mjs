import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

export async function timeEach(count, run) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

/** Wall time of `node -e ''`: the floor any Node server's start is compared with. */
export async function bareNodeStart(count) {
  return timeEach(count, () => new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('exit', done);
    child.on('error', fail);
  }));
}

/** Peak resident set size of a live process, from Linux's VmHWM. */
export function peakRssMiB(pid) {
  try {
    const kib = /VmHWM:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
