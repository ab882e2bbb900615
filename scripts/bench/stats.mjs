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

/**
 * Times `runs` (one function per side) in the same rounds: each round runs every side once,
 * and the side that goes first turns each round, so a machine that gets busier or quieter during
 * the run, or a cache one side warms for the other, weighs on all sides alike. One summary per side.
 */
export async function timeInterleaved(count, runs) {
  const samples = runs.map(() => []);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < runs.length; j++) {
      const side = (i + j) % runs.length;
      const start = performance.now();
      await runs[side](i);
      samples[side].push(performance.now() - start);
    }
  }
  return samples.map(summarise);
}

/** Wall time of `node -e ''` under `env`: the floor any Node server's start is compared with. */
export async function bareNodeStart(count, env) {
  return timeEach(count, () => new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore', env });
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
