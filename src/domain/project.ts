import { createHash } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { MemoryError } from './errors.js';

/** Where the project choice came from, most explicit first (see README "How the project is chosen"). */
export type ProjectSource = 'argument' | 'cli' | 'env' | 'roots' | 'claude-project-dir' | 'cwd' | 'url';

export interface Project {
  name: string;
  root: string;
  key: string;
  source: ProjectSource;
}

/**
 * The key names the store file, so it must be a safe file name on every OS and stable for one
 * folder however it is reached: the basename keeps it readable, the hash of the real path keeps
 * two folders with the same name apart and makes symlinked paths share one store.
 */
export function projectKey(realRoot: string): string {
  const readable = sanitiseName(basename(realRoot)) || 'root';
  const digest = createHash('sha256').update(realRoot).digest('hex').slice(0, 8);
  return `${readable}-${digest}`;
}

function sanitiseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '')
    .slice(0, 48)
    .toLowerCase();
}

/** Resolve a folder to a Project; the folder must exist so that its real path is known. */
export function resolveProject(dir: string, source: ProjectSource, field = 'project'): Project {
  if (!isAbsolute(dir) && source === 'argument') {
    throw new MemoryError(
      'project_invalid',
      `${field} "${dir}" is not an absolute path. Pass the project folder as an absolute path, e.g. /home/me/work/shop.`,
    );
  }
  let root: string;
  try {
    root = realpathSync(resolve(dir));
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new MemoryError(
      'project_invalid',
      `${field} "${dir}" is not an existing folder. Pass the absolute path of a folder that exists.`,
    );
  }
  return { name: basename(root) || root, root, key: projectKey(root), source };
}

/** A project a team server's client names in its URL (`/mcp/<name>`): no folder on the server's disk. */
export const PROJECT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/u;

/**
 * A project known by name only. Its key is hashed from `name:<name>` so it can never be the key of
 * a folder (those hash a real path, which starts with "/"); its root says where the name came from.
 */
export function namedProject(name: string, source: ProjectSource): Project {
  if (!PROJECT_NAME_PATTERN.test(name)) {
    throw new MemoryError('project_invalid', `project name "${name}" must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`);
  }
  const digest = createHash('sha256').update(`name:${name}`).digest('hex').slice(0, 8);
  return { name, root: `name:${name}`, key: `${sanitiseName(name) || 'project'}-${digest}`, source };
}

/**
 * The store path must stay inside the memory folder whatever the key holds; keys are
 * sanitised already, and this check makes that a guarantee rather than an assumption.
 */
export function storePathFor(memoryDir: string, key: string): string {
  const path = resolve(memoryDir, `${key}.json`);
  const rel = relative(resolve(memoryDir), path);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.includes('/') || rel.includes('\\')) {
    throw new MemoryError('project_invalid', `Project key "${key}" would leave the memory folder; refusing.`);
  }
  return join(resolve(memoryDir), rel);
}
