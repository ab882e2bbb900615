import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { SHARED_VALUE_OPTIONS, startsServer } from '../../src/early-initialize.js';

// The launcher answers initialize early only for a command line that starts the stdio server;
// for anything else it must not read stdin before the command does.
describe('startsServer', () => {
  it.each([[[]], [['serve']], [['--project', '/p']], [['--project=/p', 'serve', '--log-level', 'debug']], [['--memory-dir', 'serve']]])('is true for %j', (argv) => {
    expect(startsServer(argv)).toBe(true);
  });

  it.each([[['info']], [['--project', '/p', 'list']], [['--help']], [['-V']], [['serve', 'serve']], [['serve', '--json']], [['help', 'serve']]])('is false for %j', (argv) => {
    expect(startsServer(argv)).toBe(false);
  });

  it("knows exactly the program's options that take a value", () => {
    const program = buildProgram('0.0.0', []);
    const takingValues = program.options.filter((option) => option.required || option.optional).map((option) => option.long);
    expect(takingValues.sort()).toEqual([...SHARED_VALUE_OPTIONS].sort());
  });
});
