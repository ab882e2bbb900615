import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryService } from '../../src/domain/memory-service.js';
import { projectKey, resolveProject } from '../../src/domain/project.js';
import { gitRemoteOf, normaliseRemoteUrl } from '../../src/domain/project-identity.js';
import { JsonStoreEngine } from '../../src/domain/store/json-engine.js';
import { tempDir } from '../support/server-process.js';

// Two clones of one repository, on two machines at two paths, are one project in a shared store.

const root = tempDir('dem-identity-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder that git would call a clone of `remote` (only its config is read). */
function clone(path: string, remote: string, name = 'origin'): string {
  const dir = join(root, path);
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, '.git', 'config'), `[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://example.org/other/fork.git\n[remote "${name}"]\n\turl = ${remote}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  return dir;
}

describe('the git remote as identity', () => {
  it.each([
    'git@github.com:Acme/Shop.git',
    'https://github.com/acme/shop',
    'https://alice:ghp_secret123@github.com/acme/shop.git/',
    'ssh://git@github.com/acme/shop.git',
  ])('reads %s as github.com/acme/shop, without any credential', (url) => {
    expect(normaliseRemoteUrl(url)).toBe('github.com/acme/shop');
  });

  it('gives two clones at different paths one key, the remote with its repository name', () => {
    const laptop = resolveProject(clone('laptop/shop', 'git@github.com:acme/shop.git'), 'cli');
    const ci = resolveProject(clone('ci/build-42', 'https://github.com/acme/shop'), 'cli');

    expect(laptop.identity).toEqual({ kind: 'git-remote', value: 'github.com/acme/shop' });
    expect(ci.key).toBe(laptop.key);
    expect(laptop.key).toMatch(/^shop-[0-9a-f]{8}$/u);
    expect(laptop.folderKey).toBe(projectKey(laptop.root));
  });

  it('prefers origin, finds the repository from a subfolder, and follows a worktree to its common git folder', () => {
    const main = clone('repo', 'git@github.com:acme/etl.git');
    const sub = join(main, 'packages', 'jobs');
    mkdirSync(sub, { recursive: true });
    expect(gitRemoteOf(sub)).toBe('github.com/acme/etl');

    mkdirSync(join(main, '.git', 'worktrees', 'feature'), { recursive: true });
    writeFileSync(join(main, '.git', 'worktrees', 'feature', 'commondir'), '../..\n');
    const worktree = join(root, 'feature-worktree');
    mkdirSync(worktree, { recursive: true });
    writeFileSync(join(worktree, '.git'), `gitdir: ${join(main, '.git', 'worktrees', 'feature')}\n`);
    expect(gitRemoteOf(worktree)).toBe('github.com/acme/etl');
  });

  it('falls back to the folder outside git, and a given name wins over both', () => {
    const plain = join(root, 'plain');
    mkdirSync(plain, { recursive: true });
    expect(resolveProject(plain, 'cli')).toMatchObject({ identity: { kind: 'folder', value: plain }, key: projectKey(plain) });

    const named = resolveProject(clone('named', 'git@github.com:acme/shop.git'), 'cli', '--project', 'Shop Team');
    expect(named).toMatchObject({ name: 'Shop Team', identity: { kind: 'name', value: 'Shop Team' } });
    expect(named.key).toMatch(/^shop-team-[0-9a-f]{8}$/u);
  });
});

describe('JSON stores made before identities', () => {
  it('keep being used under their folder key, and a new project gets its identity key', async () => {
    const memoryDir = join(root, 'memory');
    const old = resolveProject(clone('old-shop', 'git@github.com:acme/old-shop.git'), 'cli');
    mkdirSync(memoryDir, { recursive: true });
    writeFileSync(join(memoryDir, `${old.folderKey}.json`), '{"schemaVersion":1,"memories":[{"id":"a1","agent":"data_engineer","type":"context","content":"Stored before identities existed","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z"}]}\n');

    const engine = new JsonStoreEngine(memoryDir);
    const service = new MemoryService(engine.open(old));
    expect((await service.snapshot()).data.memories.map((memory) => memory.content)).toEqual(['Stored before identities existed']);
    expect(engine.open(old).location).toBe(join(memoryDir, `${old.folderKey}.json`));

    const fresh = resolveProject(clone('new-shop', 'git@github.com:acme/new-shop.git'), 'cli');
    expect(new JsonStoreEngine(memoryDir).open(fresh).location).toBe(join(memoryDir, `${fresh.key}.json`));
  });
});
