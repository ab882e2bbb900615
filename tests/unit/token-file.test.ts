import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenFileError, addToken, hashToken, readTokenFile, revokeToken, tokenOwner } from '../../src/http/token-file.js';
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
});
