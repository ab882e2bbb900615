import { type Hash, createHash } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { isMemoryError } from '../domain/errors.js';
import type { ProjectContext } from './project-context.js';
import { memoryUri } from './resources.js';
import type { Logger } from './tool-result.js';

/** Writes come in bursts (a bulk extract, several processes); one notification per burst is enough. */
const DEBOUNCE_MS = 40;

/**
 * resources/subscribe for memory://<agent>. Every change to the current project's store, by this
 * process or another one, is seen through the store's own watch (a file-system watch on a JSON
 * store's folder, LISTEN/NOTIFY on PostgreSQL); after a burst settles, each subscribed agent
 * whose memories changed gets notifications/resources/updated.
 */
export class MemorySubscriptions {
  private readonly subscribed = new Set<string>();
  private unwatch: (() => void) | undefined;
  private watchedStore: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private fingerprints = new Map<string, string>();
  private settingUp: Promise<void> | undefined;

  constructor(
    private readonly server: McpServer,
    private readonly projects: ProjectContext,
    private readonly log: Logger,
  ) {
    server.server.registerCapabilities({ resources: { subscribe: true, listChanged: true } });
    server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
      this.subscribed.add(request.params.uri);
      await this.watchCurrentStore();
      return {};
    });
    server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
      this.subscribed.delete(request.params.uri);
      if (this.subscribed.size === 0) this.stopWatching();
      return {};
    });
  }

  /** The project switched (client roots changed): follow the new store and tell subscribers. */
  async projectChanged(): Promise<void> {
    this.server.sendResourceListChanged();
    if (this.subscribed.size === 0) return;
    this.stopWatching();
    await this.watchCurrentStore();
    for (const uri of this.subscribed) void this.server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  }

  close(): void {
    this.stopWatching();
  }

  /** Concurrent subscribe requests share one set-up, so only one watcher is ever made. */
  private watchCurrentStore(): Promise<void> {
    this.settingUp ??= this.startWatching().finally(() => {
      this.settingUp = undefined;
    });
    return this.settingUp;
  }

  private async startWatching(): Promise<void> {
    const project = await this.projects.current();
    const store = this.projects.storePath(project);
    if (this.unwatch && this.watchedStore === store) return;
    this.stopWatching();
    try {
      this.unwatch = this.projects.serviceFor(project).watch(
        () => this.schedule(),
        (error) => this.log('warning', `stopped watching ${store}: ${error.message}`),
      );
      this.watchedStore = store;
      this.fingerprints = await this.currentFingerprints();
    } catch (error) {
      this.log('warning', `cannot watch ${store} for changes: ${(error as Error).message}`);
    }
  }

  private stopWatching(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.watchedStore = undefined;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.notifyChanged(), DEBOUNCE_MS);
  }

  private async notifyChanged(): Promise<void> {
    const next = await this.currentFingerprints();
    const agents = new Set([...next.keys(), ...this.fingerprints.keys()]);
    for (const agent of agents) {
      const uri = memoryUri(agent);
      if (next.get(agent) === this.fingerprints.get(agent) || !this.subscribed.has(uri)) continue;
      this.log('debug', `memory of ${agent} changed; notifying subscribers of ${uri}`);
      void this.server.server.sendResourceUpdated({ uri }).catch(() => undefined);
    }
    this.fingerprints = next;
  }

  /** One string per agent that changes whenever any of its memories is added, edited, archived or removed. */
  private async currentFingerprints(): Promise<Map<string, string>> {
    const prints = new Map<string, string>();
    try {
      const { data } = await (await this.projects.target()).service.snapshot();
      const hashes = new Map<string, Hash>();
      for (const memory of data.memories) {
        let hash = hashes.get(memory.agent);
        if (!hash) hashes.set(memory.agent, (hash = createHash('sha1')));
        hash.update(`${memory.id}@${memory.updatedAt}${memory.archivedAt ? '*' : ''},`);
      }
      for (const [agent, hash] of hashes) prints.set(agent, hash.digest('hex'));
    } catch (error) {
      if (!isMemoryError(error)) throw error;
    }
    return prints;
  }
}
