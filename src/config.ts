import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';
import { type Project, resolveProject } from './domain/project.js';
import { MAX_ACTIVE_PER_AGENT_DEFAULT } from './domain/archive-cap.js';
import { PROMPT_MEMORY_CHARS_DEFAULT } from './domain/prompt-memory.js';
import { POOL_SIZE_DEFAULT, type PostgresOptions, STATEMENT_TIMEOUT_MS_DEFAULT, isPostgresUrl } from './domain/store/postgres/connection.js';

/** Everything the server and the commands take from argv and the environment, read in one place. */
export interface Config {
  version: string;
  packageRoot: string;
  memoryDir: string;
  /** What chose the memory folder, in words a user can act on ("--memory-dir", "the source checkout's memory/"). */
  memoryDirSource: string;
  /** Set when the folder came from a flag or variable: the name to change. */
  memoryDirSetBy?: '--memory-dir' | 'DATA_ENGINEER_MEMORY_DIR';
  /** Set when the store is a PostgreSQL database (--store postgres://… / DATA_ENGINEER_STORE). */
  postgres?: PostgresOptions;
  agentDirs: string[];
  /** --project-name / DATA_ENGINEER_PROJECT_NAME: names the server's project wherever its folder is. */
  projectName?: string;
  explicitProject?: Project;
  fallbackProject: Project;
  promptMemoryChars: number;
  maxMemoriesPerAgent: number;
  logLevel: LogLevel;
}

/** The options every command shares (program-level options of the CLI). */
export interface SharedFlags {
  project?: string;
  memoryDir?: string;
  /** A postgres:// URL, or a memory folder (then the same as memoryDir). */
  store?: string;
  /** The project's identity in a shared store, instead of its git remote or folder. */
  projectName?: string;
  logLevel?: string;
}

/** The stderr log's levels, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration the user must fix: the CLI answers it as a usage error (exit 2). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
}

/**
 * The bundle has its version built in (scripts/build.mjs defines it) because the .mcpb ships no
 * package.json; run from source, the version is read from package.json.
 */
declare const BUILT_VERSION: string | undefined;

export function packageVersion(root = packageRoot()): string {
  if (typeof BUILT_VERSION === 'string') return BUILT_VERSION;
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * An unset setting arrives empty or as the host's own placeholder, never as a path: Claude Desktop
 * leaves `${user_config.memory_dir}` as written when an optional .mcpb setting has no value
 * (`replaceVariables` in @anthropic-ai/mcpb's src/shared/config.ts replaces only the keys it has).
 */
function setting(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  return value === undefined || value === '' || /^\$\{[^}]*\}$/.test(value) ? undefined : raw;
}

export function readConfig(flags: SharedFlags, env: NodeJS.ProcessEnv, cwd: string): Config {
  const get = (name: string) => setting(env[name]);
  const root = packageRoot();
  const store = flags.store ?? get('DATA_ENGINEER_STORE');
  const postgres = store && isPostgresUrl(store) ? postgresOptions(store, env) : undefined;
  const folder = store && !postgres ? store : undefined;
  const memory = memoryDirFor(folder ?? flags.memoryDir, get('DATA_ENGINEER_MEMORY_DIR'), root, cwd);
  const projectDir = flags.project ?? get('DATA_ENGINEER_PROJECT');
  const claudeDir = get('CLAUDE_PROJECT_DIR');
  const projectName = flags.projectName ?? get('DATA_ENGINEER_PROJECT_NAME');
  if (projectName !== undefined && projectName.trim() === '') throw new ConfigError('--project-name must not be empty; leave it out to use the git remote or the folder.');
  return {
    version: packageVersion(root),
    packageRoot: root,
    memoryDir: memory.dir,
    memoryDirSource: memory.source,
    ...(memory.setBy ? { memoryDirSetBy: memory.setBy } : {}),
    ...(postgres ? { postgres } : {}),
    agentDirs: [join(root, 'agents'), ...(get('DATA_ENGINEER_AGENTS_DIR') ?? '').split(delimiter).filter(Boolean).map((dir) => resolve(cwd, dir))],
    ...(projectName !== undefined ? { projectName } : {}),
    explicitProject: projectDir ? resolveProject(resolve(cwd, projectDir), flags.project ? 'cli' : 'env', flags.project ? '--project' : 'DATA_ENGINEER_PROJECT', projectName) : undefined,
    fallbackProject:
      claudeDir && existsSync(claudeDir)
        ? resolveProject(claudeDir, 'claude-project-dir', 'CLAUDE_PROJECT_DIR', projectName)
        : resolveProject(cwd, 'cwd', 'working directory', projectName),
    promptMemoryChars: positiveInt(get('DATA_ENGINEER_PROMPT_MEMORY_CHARS'), PROMPT_MEMORY_CHARS_DEFAULT, 'DATA_ENGINEER_PROMPT_MEMORY_CHARS'),
    maxMemoriesPerAgent: positiveInt(get('DATA_ENGINEER_MAX_MEMORIES_PER_AGENT'), MAX_ACTIVE_PER_AGENT_DEFAULT, 'DATA_ENGINEER_MAX_MEMORIES_PER_AGENT'),
    logLevel: logLevel(flags.logLevel, '--log-level') ?? logLevel(get('DATA_ENGINEER_LOG_LEVEL'), 'DATA_ENGINEER_LOG_LEVEL') ?? 'info',
  };
}

/**
 * From a source checkout the stores sit in the repo's memory/ (git-ignored) where a developer
 * sees them; installed under node_modules (npx, global install) they go to the per-user data
 * folder, because an upgrade or a cache clean deletes node_modules and must not take memories.
 */
function memoryDirFor(
  flag: string | undefined,
  variable: string | undefined,
  packageRoot: string,
  cwd: string,
): { dir: string; source: string; setBy?: Config['memoryDirSetBy'] } {
  if (flag) return { dir: resolve(cwd, flag), source: '--memory-dir', setBy: '--memory-dir' };
  if (variable) return { dir: resolve(cwd, variable), source: 'DATA_ENGINEER_MEMORY_DIR', setBy: 'DATA_ENGINEER_MEMORY_DIR' };
  const installed = packageRoot.split(sep).includes('node_modules') || !existsSync(join(packageRoot, 'src'));
  if (!installed) return { dir: join(packageRoot, 'memory'), source: "the source checkout's git-ignored memory/ (git clean -xdf or a fresh clone loses it)" };
  return { dir: join(envPaths('data-engineer-mcp', { suffix: '' }).data, 'memory'), source: 'the per-user data folder' };
}

export function postgresOptions(url: string, env: NodeJS.ProcessEnv): PostgresOptions {
  return {
    url,
    poolSize: positiveInt(env.DATA_ENGINEER_PG_POOL_SIZE, POOL_SIZE_DEFAULT, 'DATA_ENGINEER_PG_POOL_SIZE'),
    statementTimeoutMs: positiveInt(env.DATA_ENGINEER_PG_STATEMENT_TIMEOUT_MS, STATEMENT_TIMEOUT_MS_DEFAULT, 'DATA_ENGINEER_PG_STATEMENT_TIMEOUT_MS'),
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name}="${raw}" must be a positive whole number (default ${fallback}).`);
  return value;
}

function logLevel(raw: string | undefined, name: string): LogLevel | undefined {
  if (raw === undefined || raw === '') return undefined;
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(`${name}="${raw}" must be one of ${LOG_LEVELS.join(', ')} (default info).`);
}

/** Added to an error about the memory folder: which one it is and what chose it, so the user changes the right thing. */
export function memoryFolderNote(config: Pick<Config, 'memoryDir' | 'memoryDirSource' | 'memoryDirSetBy'>): string {
  const change = config.memoryDirSetBy ? `change ${config.memoryDirSetBy}` : 'set --memory-dir or DATA_ENGINEER_MEMORY_DIR';
  return `The memory folder is ${config.memoryDir}, from ${config.memoryDirSource}; to use another, ${change}.`;
}

