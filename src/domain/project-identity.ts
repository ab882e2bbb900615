import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * What makes two folders one project. A shared store (PostgreSQL) sees the same repository
 * cloned to different paths on different machines: the folder path cannot tell them apart from
 * two projects, the git remote can. Most explicit first: a name the user gave, the remote, the folder.
 */
export type ProjectIdentity =
  | { kind: 'name'; value: string }
  | { kind: 'git-remote'; value: string }
  | { kind: 'folder'; value: string };

/** A key is `<readable part>-<8 hex of sha256>`: a safe file name everywhere, distinct per identity. */
export function keyFor(readable: string, identity: string): string {
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 8);
  return `${sanitiseName(readable) || 'root'}-${digest}`;
}

export function sanitiseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/gu, '')
    .slice(0, 48)
    .toLowerCase();
}

/**
 * A remote URL as the same repository is written on every machine: no scheme, no user or
 * password (a token in an https remote must never reach a store), no `.git`, lower case.
 * `git@github.com:Acme/Shop.git`, `https://me:token@github.com/acme/shop/` and
 * `ssh://git@github.com:22/acme/shop` all give `github.com/acme/shop`.
 */
export function normaliseRemoteUrl(raw: string): string | undefined {
  let url = raw.trim();
  if (url === '') return undefined;
  let host = '';
  let path: string;
  const scpLike = /^(?:[^@/:]+@)?([^:/]+):(?!\/\/)(.+)$/u.exec(url);
  if (!url.includes('://') && scpLike) {
    host = scpLike[1]!;
    path = scpLike[2]!;
  } else if (url.includes('://')) {
    try {
      const parsed = new URL(url);
      host = parsed.protocol === 'file:' ? '' : parsed.hostname;
      path = decodeURIComponent(parsed.pathname);
    } catch {
      return undefined;
    }
  } else {
    path = url; // a local path used as a remote
  }
  path = path.replace(/\/+$/u, '').replace(/\.git$/u, '').replace(/^[/~]+/u, '');
  url = host ? `${host}/${path}` : path;
  return url === '' ? undefined : url.toLowerCase();
}

/** The git folder holding the config for `root`, walking up; a worktree's `.git` file points at it. */
function gitConfigPath(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      let gitDir = dotGit;
      if (statSync(dotGit).isFile()) {
        const pointer = /^gitdir:\s*(.+)$/mu.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
        if (!pointer) return undefined;
        gitDir = resolve(dir, pointer);
        const common = join(gitDir, 'commondir');
        if (existsSync(common)) gitDir = resolve(gitDir, readFileSync(common, 'utf8').trim());
      }
      const config = join(gitDir, 'config');
      return existsSync(config) ? config : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** The normalised URL of the repository's `origin`, else of its first remote; undefined outside git or without a remote. */
export function gitRemoteOf(root: string): string | undefined {
  let text: string;
  try {
    const path = gitConfigPath(root);
    if (!path) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const remotes = new Map<string, string>();
  let section: string | undefined;
  for (const line of text.split(/\r?\n/u)) {
    const header = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/u.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    if (/^\s*\[/u.test(line)) section = undefined;
    const url = /^\s*url\s*=\s*(.+?)\s*$/u.exec(line)?.[1];
    if (section && url && !remotes.has(section)) remotes.set(section, url);
  }
  const chosen = remotes.get('origin') ?? [...remotes.values()][0];
  return chosen === undefined ? undefined : normaliseRemoteUrl(chosen);
}
