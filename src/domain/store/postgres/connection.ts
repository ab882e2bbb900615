import { MemoryError } from '../../errors.js';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections this server keeps open at most (besides the one that listens for changes). */
  poolSize: number;
  /** A statement running longer is cancelled by the server, so a stuck lock cannot hang a tool call. */
  statementTimeoutMs: number;
}

export const POOL_SIZE_DEFAULT = 4;
export const STATEMENT_TIMEOUT_MS_DEFAULT = 15_000;
/** How long a tool call waits for a connection before it says the database cannot be reached. */
export const CONNECT_TIMEOUT_MS = 10_000;

export const isPostgresUrl = (store: string): boolean => /^postgres(ql)?:\/\//iu.test(store);

/** The URL as a person may see it: everything but the password. */
export function displayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Never echo it: a malformed URL may still hold the password.
    throw new MemoryError('invalid_argument', 'The PostgreSQL store is not a valid URL; write it as postgres://user:password@host:5432/database.');
  }
  parsed.password = '';
  return parsed.toString();
}

/**
 * Everything shown about a database failure passes through here: node-postgres messages do not
 * quote the password today, but a message built from the URL (a driver's, a future version's)
 * could, so any occurrence of it, raw or URL-encoded, is cut out.
 */
export function withoutPassword(url: string, text: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text.split(url).join('(the store URL)');
  }
  if (password === '') return text;
  let cleaned = text;
  for (const form of new Set([password, decodeURIComponent(password), encodeURIComponent(decodeURIComponent(password))])) {
    if (form !== '') cleaned = cleaned.split(form).join('***');
  }
  return cleaned;
}

/** A database failure as the surfaces show it: what was being done, where, and the database's own words. */
export function databaseFailure(url: string, action: string, error: unknown): MemoryError {
  if (error instanceof MemoryError) return error;
  const code = (error as { code?: string }).code;
  const detail = withoutPassword(url, (error as Error)?.message || String(error));
  return new MemoryError(
    'store_unavailable',
    `Could not ${action} in PostgreSQL store ${displayUrl(url)} (${code ? `${code}: ` : ''}${detail}). Nothing was changed; fix that, then retry.`,
  );
}
