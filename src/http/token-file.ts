import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';

/**
 * The team server's access tokens: one JSON file holding, per token, its name and the SHA-256 of
 * the token, never the token itself. A plain hash is enough because a token is 32 random bytes (no
 * dictionary to try); a slow password hash would only slow every request down.
 */
const TokenEntrySchema = z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/u), createdAt: z.string() });
const TokenFileSchema = z.object({ version: z.literal(1), tokens: z.array(TokenEntrySchema) });
export type TokenEntry = z.infer<typeof TokenEntrySchema>;

/** A name is shown as the author of every memory written with its token, so it stays readable. */
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/u;
/** Recognisable in a leaked log or a secret scanner: `dem_` + 43 base64url characters. */
const TOKEN_PREFIX = 'dem_';

export class TokenFileError extends Error {}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function readTokenFile(path: string): TokenEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TokenFileError(`Cannot read the tokens file ${path}: ${(error as Error).message}`);
  }
  let parsed;
  try {
    parsed = TokenFileSchema.safeParse(JSON.parse(text));
  } catch {
    throw new TokenFileError(`The tokens file ${path} is not valid JSON; fix it or move it away and add the tokens again.`);
  }
  if (!parsed.success) throw new TokenFileError(`The tokens file ${path} is not a data-engineer-mcp tokens file (${parsed.error.issues[0]?.message}).`);
  return parsed.data.tokens;
}

/** Adds a token named `name` and returns it: the only time it is ever seen. */
export function addToken(path: string, name: string, now = new Date()): string {
  if (!TOKEN_NAME_PATTERN.test(name)) {
    throw new TokenFileError(`token name "${name}" must be 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit (e.g. alice, ci-bot).`);
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  changeTokens(path, (tokens) => {
    if (tokens.some((entry) => entry.name === name)) {
      throw new TokenFileError(`a token named "${name}" already exists; revoke it first or choose another name.`);
    }
    return [...tokens, { name, sha256: hashToken(token), createdAt: now.toISOString() }];
  });
  return token;
}

export function revokeToken(path: string, name: string): void {
  changeTokens(path, (tokens) => {
    if (!tokens.some((entry) => entry.name === name)) throw new TokenFileError(`no token named "${name}" in ${path}; \`token list\` shows the names.`);
    return tokens.filter((entry) => entry.name !== name);
  });
}

/** Which name a presented token belongs to, if any; compared hash to hash in constant time. */
export function tokenOwner(tokens: readonly TokenEntry[], presented: string): string | undefined {
  const digest = Buffer.from(hashToken(presented), 'hex');
  let owner: string | undefined;
  for (const entry of tokens) if (timingSafeEqual(Buffer.from(entry.sha256, 'hex'), digest)) owner = entry.name;
  return owner;
}

/**
 * A cheap identity of the file's current version: a revocation shows as a new one. With the
 * ctime, which no one can set back: a hand edit saved in place at the same length with its mtime
 * restored (`rsync -t --inplace`, `touch -r`) keeps inode, size and mtime, and kept a revoked
 * token accepted.
 */
export function tokenFileVersion(path: string): string {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return 'absent';
  }
}

/**
 * Read-modify-write under a lock (two `token add` at once must both be kept), then an atomic
 * rename so the running server never reads half a file. Mode 0600: the hashes are not secret
 * by themselves, but the file says who may write to the team's memory.
 */
function changeTokens(path: string, change: (tokens: TokenEntry[]) => TokenEntry[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const release = lockfile.lockSync(path, { realpath: false, stale: 10_000 });
  try {
    const next = change(readTokenFile(path));
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, tokens: next }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, path);
  } finally {
    release();
  }
}
