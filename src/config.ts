import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import envPaths from 'env-paths';
import { type Project, resolveProject } from './domain/project.js';
import { MAX_ACTIVE_PER_AGENT_DEFAULT } from './domain/memory-service.js';
import { PROMPT_MEMORY_CHARS_DEFAULT } from './domain/prompt-memory.js';

/** Everything the server takes from argv and the environment, read in one place. */
export interface Config {
  version: string;
  packageRoot: string;
  memoryDir: string;
  memoryDirSource: string;
  agentDirs: string[];
  explicitProject?: Project;
  fallbackProject: Project;
  promptMemoryChars: number;
  maxMemoriesPerAgent: number;
  logLevel: LogLevel;
}

/** The stderr log's levels, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const USAGE = `Usage: data-engineer-mcp [--project DIR] [--memory-dir DIR]
Serves the Data Engineer agent and its per-project memory over MCP stdio.
  --project DIR     project whose memory to use (env DATA_ENGINEER_PROJECT); default: client roots, CLAUDE_PROJECT_DIR, cwd
  --memory-dir DIR  folder holding the stores (env DATA_ENGINEER_MEMORY_DIR)
Other env: DATA_ENGINEER_AGENTS_DIR, DATA_ENGINEER_PROMPT_MEMORY_CHARS, DATA_ENGINEER_MAX_MEMORIES_PER_AGENT,
DATA_ENGINEER_LOG_LEVEL. See README.md.`;

export function readConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Config | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: { project: { type: 'string' }, 'memory-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return 'help';
  const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const memory = memoryDirFor(values['memory-dir'] ?? env.DATA_ENGINEER_MEMORY_DIR, packageRoot, cwd);
  const projectDir = values.project ?? env.DATA_ENGINEER_PROJECT;
  const claudeDir = env.CLAUDE_PROJECT_DIR;
  return {
    version: (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version,
    packageRoot,
    memoryDir: memory.dir,
    memoryDirSource: memory.source,
    agentDirs: [join(packageRoot, 'agents'), ...(env.DATA_ENGINEER_AGENTS_DIR ?? '').split(delimiter).filter(Boolean).map((dir) => resolve(cwd, dir))],
    explicitProject: projectDir ? resolveProject(resolve(cwd, projectDir), values.project ? 'cli' : 'env', values.project ? '--project' : 'DATA_ENGINEER_PROJECT') : undefined,
    fallbackProject:
      claudeDir && existsSync(claudeDir) ? resolveProject(claudeDir, 'claude-project-dir', 'CLAUDE_PROJECT_DIR') : resolveProject(cwd, 'cwd', 'working directory'),
    promptMemoryChars: positiveInt(env.DATA_ENGINEER_PROMPT_MEMORY_CHARS, PROMPT_MEMORY_CHARS_DEFAULT, 'DATA_ENGINEER_PROMPT_MEMORY_CHARS'),
    maxMemoriesPerAgent: positiveInt(env.DATA_ENGINEER_MAX_MEMORIES_PER_AGENT, MAX_ACTIVE_PER_AGENT_DEFAULT, 'DATA_ENGINEER_MAX_MEMORIES_PER_AGENT'),
    logLevel: logLevel(env.DATA_ENGINEER_LOG_LEVEL),
  };
}

/**
 * From a source checkout the stores sit in the repo's memory/ (git-ignored) where a developer
 * sees them; installed under node_modules (npx, global install) they go to the per-user data
 * folder, because an upgrade or a cache clean deletes node_modules and must not take memories.
 */
function memoryDirFor(explicit: string | undefined, packageRoot: string, cwd: string): { dir: string; source: string } {
  if (explicit) return { dir: resolve(cwd, explicit), source: 'set explicitly' };
  const installed = packageRoot.split(sep).includes('node_modules') || !existsSync(join(packageRoot, 'src'));
  if (!installed) return { dir: join(packageRoot, 'memory'), source: 'source checkout' };
  return { dir: join(envPaths('data-engineer-mcp', { suffix: '' }).data, 'memory'), source: 'per-user data folder' };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${raw}" must be a positive whole number (default ${fallback}).`);
  return value;
}

function logLevel(raw: string | undefined): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(raw ?? '') ? (raw as LogLevel) : 'info';
}
