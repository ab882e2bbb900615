import { describe, expect, it } from 'vitest';
import { alignColumns, wantsColour } from '../../src/cli/output.js';

describe('command output', () => {
  it('is coloured only on a terminal, and never with NO_COLOR or TERM=dumb', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('pads every column but the last to its widest cell, counting characters not bytes', () => {
    expect(alignColumns([
      ['a', 'pattern', 'Use keys'],
      ['bbbb', 'ü', 'x'],
    ])).toEqual(['a     pattern  Use keys', 'bbbb  ü        x']);
  });
});
