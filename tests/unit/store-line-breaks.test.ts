import { describe, expect, it } from 'vitest';
import { lineBreaksIn } from '../../src/domain/store/written-lines.js';

// A rewrite copies the lines of a file a write of ours left at the byte offsets found here; the
// decoded text is searched instead of the bytes only where that gives the same offsets.

const lines = (parts: readonly (string | Buffer)[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));

describe('line breaks of a store file', () => {
  const files: Record<string, Buffer> = {
    ascii: lines(['{"version":1,\n', '{"id":"a"},\n', '{"id":"b"}\n', ']}\n']),
    'multi-byte characters': lines(['{"c":"über ∑"},\n', '{"c":"🚀 ß"}\n', ']}\n']),
    'invalid UTF-8, one replacement per byte': lines(['{"c":"', Buffer.from([0x80, 0xff, 0xc0, 0x80]), '"},\n', '{"c":"x"}\n']),
    'invalid UTF-8 beside a 4-byte character': lines(['{"c":"', Buffer.from([0xf0, 0x9f, 0x9a]), '"},\n', '{"c":"🚀"}\n', '\n']),
    'no break at all': lines(['{}']),
  };
  for (const [name, bytes] of Object.entries(files)) {
    it(`finds every "\\n" byte at its byte offset from the decoded text (${name})`, () => {
      const expected = [...bytes.keys()].filter((at) => bytes[at] === 0x0a);
      expect(lineBreaksIn(bytes, bytes.toString('utf8'))).toEqual(expected);
      expect(lineBreaksIn(bytes)).toEqual(expected);
    });
  }
});
