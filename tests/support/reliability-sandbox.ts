import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectKey, storePathFor } from '../../src/domain/project.js';
import type { StoreData } from '../../src/domain/store/store-file.js';
import type { RawServer } from './raw-server.js';
import { Sandbox } from './sandbox.js';
import type { Started } from './server-process.js';
import { bytesOf, filesBeside, readStore } from './store-files.js';

/** Preloaded into a server to report any change to the built-in prototypes on stderr. */
export const PROTOTYPE_SENTINEL = pathToFileURL(join(import.meta.dirname, 'prototype-sentinel.mjs')).href;
export const PROTOTYPE_POLLUTED = 'PROTOTYPE POLLUTED';

/**
 * A sandbox with one project and its own agents folder, because the reliability tests poke at a
 * single store's files (the store, its lock, copies beside it) and at agent files on disk.
 */
export class ReliabilitySandbox extends Sandbox {
  readonly projectDir = this.dir('project');
  readonly agentsDir = this.dir('agents');

  /** Where the server stores this project's memories (the project folder is already a real path). */
  get storePath(): string {
    return storePathFor(this.memoryDir, projectKey(this.projectDir));
  }

  get lockPath(): string {
    return `${this.storePath}.lock`;
  }

  override env(projectDir = this.projectDir, extra: Record<string, string> = {}): Record<string, string> {
    return super.env(projectDir, { DATA_ENGINEER_AGENTS_DIR: this.agentsDir, ...extra });
  }

  override start(projectDir = this.projectDir, extra: Record<string, string> = {}): Promise<Started> {
    return super.start(projectDir, extra);
  }

  override startRaw(projectDir = this.projectDir, extra: Record<string, string> = {}): RawServer {
    return super.startRaw(projectDir, extra);
  }

  /** Starts `count` servers on the same project at once, as several client sessions would. */
  startMany(count: number): Promise<Started[]> {
    return Promise.all(Array.from({ length: count }, () => this.start()));
  }

  readStore(): StoreData {
    return readStore(this.storePath);
  }

  storeBytes(): Buffer | undefined {
    return bytesOf(this.storePath);
  }

  filesBesideStore(suffix: string): string[] {
    return filesBeside(this.storePath, suffix);
  }
}
