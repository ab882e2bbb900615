import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryError } from '../../src/domain/errors.js';
import { projectKey, resolveProject, storePathFor } from '../../src/domain/project.js';
import { tempDir } from '../support/server-process.js';

/** Safe on every OS: ASCII letters, digits, dot, dash, underscore; then a dash and 8 hex digits. */
const KEY_SHAPE = /^[a-z0-9._-]{1,48}-[0-9a-f]{8}$/u;
const sha8 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

let root: string;
let memoryDir: string;
beforeAll(() => {
  root = tempDir('dem-project-');
  memoryDir = join(root, 'memory');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const folder = (...parts: string[]): string => {
  const dir = join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('projectKey', () => {
  it('is the sanitised basename, a dash and the first 8 hex of sha256 of the real path', () => {
    const dir = folder('work', 'Shop');
    expect(projectKey(dir)).toBe(`shop-${sha8(dir)}`);
  });

  it('gives a folder and a symlink to it the same key', () => {
    const real = folder('real', 'warehouse');
    const link = join(root, 'warehouse-link');
    symlinkSync(real, link, 'dir');

    const viaLink = resolveProject(link, 'env');

    expect(viaLink.root).toBe(real);
    expect(viaLink.key).toBe(resolveProject(real, 'env').key);
    expect(viaLink.name).toBe('warehouse');
  });

  it('gives two folders with the same basename different keys', () => {
    const first = resolveProject(folder('client-a', 'etl'), 'env').key;
    const second = resolveProject(folder('client-b', 'etl'), 'env').key;
    expect(first).not.toBe(second);
    expect(first.startsWith('etl-')).toBe(true);
    expect(second.startsWith('etl-')).toBe(true);
  });

  it.each([
    ['a root folder', '/'],
    ['a ".." basename', '/tmp/a/..'],
    ['a "../.." path', '../..'],
    ['dots only', '/srv/...'],
    ['a leading dash', '/srv/--rm -rf'],
    ['spaces', '/home/me/My Data Project'],
    ['accents', '/home/me/Café Ünïcode'],
    ['no Latin letters at all', '/home/me/データ基盤'],
    ['emoji', '/home/me/📊 reports'],
    ['a backslash and a colon', '/home/me/C:\\evil'],
    ['a 300-character name', `/home/me/${'long-name-'.repeat(30)}`],
  ])('turns %s into a safe file name', (_case, path) => {
    const key = projectKey(path);
    expect(key).toMatch(KEY_SHAPE);
    expect(key.endsWith(`-${sha8(path)}`)).toBe(true);
    expect(dirname(storePathFor(memoryDir, key))).toBe(memoryDir);
  });

  it('keeps a readable basename: spaces become dashes, case is folded', () => {
    expect(projectKey('/home/me/My Data Project')).toBe(`my-data-project-${sha8('/home/me/My Data Project')}`);
  });

  it('cuts a very long basename to 48 characters', () => {
    const key = projectKey(`/home/me/${'a'.repeat(300)}`);
    expect(key).toBe(`${'a'.repeat(48)}-${sha8(`/home/me/${'a'.repeat(300)}`)}`);
  });
});

describe('resolveProject', () => {
  it('works for real folders with spaces and unicode in their names', () => {
    for (const name of ['My Project', 'Café Ünïcode', 'データ']) {
      const project = resolveProject(folder('odd', name), 'env');
      expect(project.name).toBe(name);
      expect(project.key).toMatch(KEY_SHAPE);
    }
  });

  it('refuses a folder that does not exist, naming the field', () => {
    const error = (() => {
      try {
        resolveProject(join(root, 'missing'), 'env', 'DATA_ENGINEER_PROJECT');
      } catch (caught) {
        return caught as MemoryError;
      }
    })();
    expect(error).toBeInstanceOf(MemoryError);
    expect(error!.code).toBe('project_invalid');
    expect(error!.message).toContain('DATA_ENGINEER_PROJECT');
    expect(error!.message).toContain(join(root, 'missing'));
  });

  it('refuses a relative path passed as a tool argument', () => {
    expect(() => resolveProject('../..', 'argument')).toThrow(/not an absolute path/u);
  });
});

describe('storePathFor', () => {
  it('puts the store at <memoryDir>/<key>.json', () => {
    expect(storePathFor(memoryDir, 'shop-0123abcd')).toBe(join(memoryDir, 'shop-0123abcd.json'));
  });

  it.each(['../escape', '../../etc/passwd', '..', 'a/b', 'a\\b', '..\\..\\evil', '/etc/passwd', 'sub/../../x', '%2e%2e/x', '\u0000nul'])(
    'refuses or contains the key %j inside the memory folder',
    (key) => {
      let path: string | undefined;
      try {
        path = storePathFor(memoryDir, key);
      } catch (error) {
        expect(error).toBeInstanceOf(MemoryError);
        expect((error as MemoryError).code).toBe('project_invalid');
        return;
      }
      expect(dirname(path)).toBe(memoryDir);
    },
  );

  it('refuses a key that climbs out of the memory folder', () => {
    expect(() => storePathFor(memoryDir, '../escape')).toThrow(/would leave the memory folder/u);
    expect(() => storePathFor(memoryDir, 'nested/../../escape')).toThrow(/would leave the memory folder/u);
  });
});
