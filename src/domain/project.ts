import { realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { MemoryError } from './errors.js';
import { type ProjectIdentity, gitRemoteOf, keyFor } from './project-identity.js';

/** Where the project choice came from, most explicit first (see README "How the project is chosen"). */
export type ProjectSource = 'argument' | 'cli' | 'env' | 'roots' | 'claude-project-dir' | 'cwd' | 'url';

export interface Project {
  name: string;
  root: string;
  /** The store key of its identity; a JSON store may still sit under `folderKey` (json-engine.ts). */
  key: string;
  source: ProjectSource;
  /** What made it one project: a given name, the git remote, or the folder. */
  identity: ProjectIdentity;
  /** The key of the folder path, what every store was keyed by before identities. */
  folderKey: string;
}

/**
 * The key names the store file, so it must be a safe file name on every OS and stable for one
 * folder however it is reached: the basename keeps it readable, the hash of the real path keeps
 * two folders with the same name apart and makes symlinked paths share one store.
 */
export function projectKey(realRoot: string): string {
  return keyFor(basename(realRoot), realRoot);
}

/**
 * The identity of the project at `root`: `name` when the user gave one (--project-name), else
 * the git remote, else the folder. The two first are the same on every machine, so two clones
 * of one repository share one store in PostgreSQL.
 */
export function identityOf(root: string, name?: string): { identity: ProjectIdentity; key: string } {
  if (name !== undefined) return { identity: { kind: 'name', value: name }, key: keyFor(name, `name:${name}`) };
  const remote = gitRemoteOf(root);
  if (remote !== undefined) return { identity: { kind: 'git-remote', value: remote }, key: keyFor(remote.split('/').at(-1) ?? remote, `git:${remote}`) };
  return { identity: { kind: 'folder', value: root }, key: projectKey(root) };
}

/** Resolve a folder to a Project; the folder must exist so that its real path is known. */
export function resolveProject(dir: string, source: ProjectSource, field = 'project', name?: string): Project {
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
  const { identity, key } = identityOf(root, name);
  return { name: name ?? (basename(root) || root), root, key, source, identity, folderKey: projectKey(root) };
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
  // The key of the name identity (project-identity.ts): the same project as --project-name <name>.
  const key = keyFor(name, `name:${name}`);
  return { name, root: `name:${name}`, key, source, identity: { kind: 'name', value: name }, folderKey: key };
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
