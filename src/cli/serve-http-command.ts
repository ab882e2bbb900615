import { ConfigError } from '../config.js';
import { drainStoreLocks } from '../domain/store/store-lock.js';
import { PostgresRequestCounter } from '../domain/store/postgres/request-counter.js';
import { StartRefused, serveHttp } from '../http/serve-http.js';
import { type HttpFlags, httpServeOptions } from './http-settings.js';
import type { Session } from './session.js';

/** Writes in flight finish and release their store lock before the exit (see serve.ts). */
const LOCK_DRAIN_MS = 1_500;

/**
 * `serve --http`: the team server. Loaded only for this command (src/cli/commands/serve.ts imports
 * it lazily), so the stdio server a client starts at every session never loads express.
 */
export async function serveOverHttp(session: Session, flags: HttpFlags): Promise<void> {
  const options = httpServeOptions(flags, process.env, process.cwd());
  const { config, log } = session;
  // On PostgreSQL each token's requests are counted in the database, so the limit holds across replicas.
  const requestCounter = config.postgres
    ? new PostgresRequestCounter(async () => (await import('pg')).default, config.postgres, (message) => log('warning', message))
    : undefined;
  let running;
  try {
    running = await serveHttp(
      { ...config, defaultProject: session.project, ...(session.engine ? { store: session.engine } : {}), ...(requestCounter ? { requestCounter } : {}) },
      options,
      log,
    );
  } catch (error) {
    if (error instanceof StartRefused) throw new ConfigError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ConfigError(`port ${options.port} on ${options.host} is in use; choose another with --port.`);
    throw error;
  }
  let closing = false;
  const shutdown = (why: string) => {
    if (closing) return;
    closing = true;
    log('info', `${why}: finishing the requests in flight, then exiting`);
    void running
      .close()
      .then(() => drainStoreLocks(LOCK_DRAIN_MS))
      .then(() => Promise.all([session.engine?.close(), requestCounter?.close()]))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
