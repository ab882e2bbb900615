// What a benchmark ran on, stated beside its figures: the same code measures 3-4x slower on this
// shared 2-core machine when other work loads it, and NODE_EXTRA_CA_CERTS alone adds ~40 ms to
// every node start (issue #17), so a figure without its machine and environment cannot be compared.
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

/** Variables that change how fast node starts or runs; only whether each is set is reported, never its value. */
export const NODE_ENVIRONMENT = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'UV_THREADPOOL_SIZE'];

export function describeMachine() {
  const cores = cpus();
  const set = NODE_ENVIRONMENT.filter((name) => process.env[name] !== undefined);
  return {
    cpu: `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores`,
    memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free)`,
    node: `Node ${process.version}, ${process.platform} ${release()}`,
    environment: set.length > 0 ? `${set.join(', ')} set in the bench's environment` : `none of ${NODE_ENVIRONMENT.join(', ')} set`,
  };
}

/** The 1, 5 and 15 minute load averages, as uptime prints them. */
export function loadAverages() {
  return loadavg().map((load) => load.toFixed(2)).join(', ');
}

/** The bench's own values of the variables above, to start servers once as this shell would. */
export function inheritedNodeEnvironment() {
  return Object.fromEntries(NODE_ENVIRONMENT.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}
