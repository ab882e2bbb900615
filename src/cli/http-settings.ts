import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { ConfigError } from '../config.js';
import { HTTP_DEFAULTS, type HttpServeOptions } from '../http/serve-http.js';

/** The `serve --http` flags; each has a variable, for a container or a service manager. */
export interface HttpFlags {
  host?: string;
  port?: string;
  tokensFile?: string;
  allowOrigin?: string[];
  allowHost?: string[];
  rateLimit?: string;
}

/** --tokens-file, else DATA_ENGINEER_TOKENS_FILE, else tokens.json in the per-user config folder. */
export function tokensFilePath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const chosen = flag ?? (env.DATA_ENGINEER_TOKENS_FILE || undefined);
  return chosen ? resolve(cwd, chosen) : join(envPaths('data-engineer-mcp', { suffix: '' }).config, 'tokens.json');
}

export function httpServeOptions(flags: HttpFlags, env: NodeJS.ProcessEnv, cwd: string): HttpServeOptions {
  const explicitTokens = flags.tokensFile ?? (env.DATA_ENGINEER_TOKENS_FILE || undefined);
  const tokensFile = tokensFilePath(flags.tokensFile, env, cwd);
  if (explicitTokens && !existsSync(tokensFile)) {
    throw new ConfigError(`no tokens file at ${tokensFile}; make it with \`data-engineer-mcp token add NAME --tokens-file ${tokensFile}\`.`);
  }
  return {
    ...HTTP_DEFAULTS,
    host: flags.host ?? (env.DATA_ENGINEER_HTTP_HOST || HTTP_DEFAULTS.host),
    port: whole(flags.port ?? env.DATA_ENGINEER_HTTP_PORT, HTTP_DEFAULTS.port, flags.port ? '--port' : 'DATA_ENGINEER_HTTP_PORT', 0, 65_535),
    // The default file counts only once a token was added to it; without one, loopback stays open.
    tokensFile: existsSync(tokensFile) ? tokensFile : undefined,
    allowedOrigins: flags.allowOrigin ?? list(env.DATA_ENGINEER_ALLOWED_ORIGINS),
    allowedHosts: flags.allowHost ?? list(env.DATA_ENGINEER_ALLOWED_HOSTS),
    ratePerMinute: whole(flags.rateLimit ?? env.DATA_ENGINEER_RATE_LIMIT, HTTP_DEFAULTS.ratePerMinute, flags.rateLimit ? '--rate-limit' : 'DATA_ENGINEER_RATE_LIMIT', 1, 1e9),
  };
}

const list = (raw: string | undefined): string[] => (raw ?? '').split(',').map((item) => item.trim()).filter(Boolean);

function whole(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} "${raw}" must be a whole number from ${min} to ${max} (default ${fallback}).`);
  return value;
}
