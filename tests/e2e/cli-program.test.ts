import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const version = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

describe('the bin as a command line', () => {
  it.each([['--version'], ['-V']])('prints the package version for %s and exits 0', (flag) => {
    expect(runCli([flag])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([['--help'], ['-h'], ['help']])('lists the commands and the shared options for %s', (flag) => {
    const run = runCli([flag]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: data-engineer-mcp \[options\] \[command\]/u);
    expect(run.stdout).toMatch(/serve .*the default command/su);
    expect(run.stdout).toMatch(/--project <dir>[\s\S]*--memory-dir <dir>[\s\S]*--log-level <level>/u);
  });

  it('shows one command\'s usage with help COMMAND', () => {
    const run = runCli(['help', 'serve']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: data-engineer-mcp serve/u);
  });

  it('answers an unknown command with exit 2 and the usage, without starting a server', () => {
    const run = runCli(['lsit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'lsit'[\s\S]*Usage: data-engineer-mcp/u);
    expect(run.stdout).toBe('');
  });

  it('answers an unknown option with exit 2', () => {
    const run = runCli(['--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--bogus'/u);
  });

  it('refuses a log level it does not know, from the flag or the environment, with exit 2', () => {
    const flag = runCli(['--log-level', 'loud']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--log-level.*loud.*debug, info, warning, error/su);
    const env = runCli([], { env: { DATA_ENGINEER_LOG_LEVEL: 'loud' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/DATA_ENGINEER_LOG_LEVEL="loud" must be one of debug, info, warning, error/u);
  });
});
