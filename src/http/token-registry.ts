import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { type TokenEntry, readTokenFile, tokenFileVersion, tokenOwner } from './token-file.js';

/** How often the tokens file is looked at: a `token revoke` takes effect within this long. */
export const TOKEN_RECHECK_MS = 1_000;
/**
 * requireBearerAuth refuses a token without an expiry; these tokens live until revoked, so each
 * verification grants an hour, and every request is verified again anyway.
 */
const GRANT_SECONDS = 3_600;

/**
 * The tokens the running server accepts, kept in step with the tokens file without a restart.
 * It is the bearer middleware's verifier; an OAuth verifier can take its place later, since the
 * rest of the server sees only the AuthInfo (its clientId is the author name).
 */
export class TokenRegistry implements OAuthTokenVerifier {
  private tokens: readonly TokenEntry[];
  private version: string;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly path: string,
    /** Told after a token was revoked, so sessions opened with it can be closed. */
    private readonly onRevoked: () => void,
    private readonly onProblem: (message: string) => void,
  ) {
    this.version = tokenFileVersion(path);
    this.tokens = readTokenFile(path);
    this.timer = setInterval(() => this.recheck(), TOKEN_RECHECK_MS).unref();
  }

  get names(): string[] {
    return this.tokens.map((entry) => entry.name);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const name = tokenOwner(this.tokens, token);
    if (name === undefined) throw new InvalidTokenError('Unknown or revoked token; ask the server admin for a token (`data-engineer-mcp token add NAME`).');
    return { token, clientId: name, scopes: [], expiresAt: Math.floor(Date.now() / 1000) + GRANT_SECONDS };
  }

  /** Whether the token with this SHA-256 is still accepted. */
  accepts(sha256: string): boolean {
    return this.tokens.some((entry) => entry.sha256 === sha256);
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** A file that cannot be read keeps the last good set: a half-edited file must not lock everyone out. */
  recheck(): void {
    const version = tokenFileVersion(this.path);
    if (version === this.version) return;
    try {
      const next = readTokenFile(this.path);
      const kept = new Set(next.map((entry) => entry.sha256));
      const revoked = this.tokens.some((entry) => !kept.has(entry.sha256));
      this.tokens = next;
      this.version = version;
      if (revoked) this.onRevoked();
    } catch (error) {
      this.onProblem(`${(error as Error).message} Keeping the tokens read before.`);
    }
  }
}
