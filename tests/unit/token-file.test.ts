import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenFileError, addToken, hashToken, readTokenFile, revokeToken, tokenOwner } from '../../src/http/token-file.js';
import { TokenRegistry } from '../../src/http/token-registry.js';
import { tempDir } from '../support/server-process.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
const fileIn = () => join((root = tempDir('dem-tokens-')), 'team', 'tokens.json');

describe('tokens file', () => {
  it('stores only the hash of a new token, readable by its owner alone', () => {
    const file = fileIn();
    const token = addToken(file, 'alice');
    expect(token).toMatch(/^dem_[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(readTokenFile(file)).toEqual([{ name: 'alice', sha256: hashToken(token), createdAt: expect.any(String) }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('knows a token by its owner, and no other string', () => {
    const file = fileIn();
    const alice = addToken(file, 'alice');
    const bob = addToken(file, 'ci-bot');
    const tokens = readTokenFile(file);
    expect(tokenOwner(tokens, alice)).toBe('alice');
    expect(tokenOwner(tokens, bob)).toBe('ci-bot');
    expect(tokenOwner(tokens, `${alice}x`)).toBeUndefined();
  });

  it('refuses a second token of the same name, a bad name and revoking a name it does not hold', () => {
    const file = fileIn();
    addToken(file, 'alice');
    expect(() => addToken(file, 'alice')).toThrow(/already exists; revoke it first/);
    expect(() => addToken(file, 'al ice')).toThrow(TokenFileError);
    expect(() => revokeToken(file, 'bob')).toThrow(/no token named "bob"/);
    expect(readTokenFile(file).map((entry) => entry.name)).toEqual(['alice']);
  });

  it('forgets a revoked token and keeps the others', () => {
    const file = fileIn();
    const alice = addToken(file, 'alice');
    const bob = addToken(file, 'bob');
    revokeToken(file, 'alice');
    const tokens = readTokenFile(file);
    expect(tokenOwner(tokens, alice)).toBeUndefined();
    expect(tokenOwner(tokens, bob)).toBe('bob');
  });

  it('says what is wrong with a file that is not a tokens file', () => {
    const file = fileIn();
    addToken(file, 'alice');
    writeFileSync(file, '{"tokens": 3');
    expect(() => readTokenFile(file)).toThrow(/not valid JSON/);
    writeFileSync(file, '{"version": 1, "tokens": [{"name": "x"}]}');
    expect(() => readTokenFile(file)).toThrow(/not a data-engineer-mcp tokens file/);
  });

  it('sees a token taken out by a hand edit saved in place at the same length, its mtime put back', () => {
    const file = fileIn();
    const alice = hashToken(addToken(file, 'alice'));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    let revocations = 0;
    const registry = new TokenRegistry(file, () => revocations++, (problem) => expect.fail(problem));
    try {
      const before = statSync(file);
      const text = readFileSync(file, 'utf8');
      const fd = openSync(file, 'r+');
      writeSync(fd, '0'.repeat(64), text.indexOf(alice));
      closeSync(fd);
      utimesSync(file, before.atime, before.mtime);
      expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);

      registry.recheck();

      expect(registry.accepts(alice)).toBe(false);
      expect(revocations).toBe(1);
    } finally {
      registry.close();
    }
  });
});
