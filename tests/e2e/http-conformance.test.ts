import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProcess } from '../support/http-process.js';
import { conformanceSupported, installConformance, runServerSuite } from '../support/mcp-conformance.js';
import { tempDir } from '../support/server-process.js';

/**
 * The official MCP conformance suite against `serve --http`: every active server scenario but
 * those that call its reference server's fixtures (tests/support/conformance-baseline.yml).
 * Open on loopback: the suite sends no token, and its DNS-rebinding scenario is about that case.
 */
const BASELINE = join(import.meta.dirname, '../support/conformance-baseline.yml');

let root: string;
let server: HttpProcess;
let installed: { node: string; suite: string };
beforeAll(async () => {
  root = tempDir('dem-conformance-');
  server = new HttpProcess(['--project', root], { HOME: root, DATA_ENGINEER_MEMORY_DIR: join(root, 'memory') }, root);
  installed = await installConformance();
}, 11 * 60_000);
afterAll(() => {
  server?.kill();
  rmSync(root, { recursive: true, force: true });
});

describe.runIf(conformanceSupported)('the MCP conformance suite against serve --http', () => {
  it('passes every server scenario that needs no fixture of its reference server', async () => {
    const run = await runServerSuite(installed, `${await server.url()}/mcp/conformance`, BASELINE);

    expect(run.code, run.report.slice(-4000)).toBe(0);
    expect(run.report).toContain('Baseline check passed: all failures are expected.');
    for (const scenario of ['server-initialize', 'ping', 'logging-set-level', 'tools-list', 'resources-list', 'prompts-list', 'dns-rebinding-protection']) {
      expect(run.report).toMatch(new RegExp(`✓ ${scenario}: \\d+ passed, 0 failed`, 'u'));
    }
  }, 5 * 60_000);
});
