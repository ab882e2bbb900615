import type { ConceptArea } from './concept-area.js';

export const RESOURCES: ConceptArea = {
  area: 'Memory, disk, CPU and containers',
  synonyms: [
    ['oom', 'out of memory', 'ran out of memory', 'runs out of memory', 'running out of memory', 'oomkilled', 'oom killed', 'outofmemoryerror', 'java heap space', 'memory error', 'memoryerror', 'not enough memory', 'memory limit exceeded', 'exit code 137', 'gc overhead limit', 'container killed'],
    ['memory', 'ram', 'heap', 'memory usage', 'mem'],
    ['memoryoverhead', 'memory overhead', 'executor memory', 'spark.executor.memory', 'driver memory', 'off-heap', 'memory settings'],
    ['disk', 'disk space', 'out of space', 'ran out of space', 'no space left', 'disk full', 'filled up', 'storage full', 'volume full', 'almost full', 'disk usage', 'free space', 'eating up', 'eats up', 'fills up', 'filling up', 'running out of disk', 'out of disk'],
    ['spill', 'spills', 'spilling', 'spilled to disk', 'disk spill', 'remote spill', 'local spill'],
    ['killed', 'crashed', 'crash', 'crashes', 'died', 'dies', 'restarting', 'restarts', 'evicted', 'terminated', 'segfault', 'crashloopbackoff', 'crash loop'],
    ['container', 'containers', 'pod', 'pods', 'docker', 'image', 'docker image'],
    ['cpu', 'cpus', 'cores', 'vcpu', 'vcpus', 'processor'],
    ['resource limits', 'requests and limits', 'limits', 'memory limit', 'cpu limit'],
    ['worker', 'workers', 'executor', 'executors', 'node', 'nodes', 'machine', 'machines'],
  ],
  related: [
    ['oom', 'memoryoverhead', 'executor memory', 'driver memory', 'spark.executor.memory', 'collect'],
    ['disk', 'wal', 'bloat', 'logs', 'temp files', 'retention'],
    ['pod', 'kubernetes', 'helm', 'deployment', 'namespace'],
    ['docker', 'dockerfile', 'base image', 'registry'],
  ],
};
