import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordsAppendedTo } from '../../src/domain/store/appended-records.js';
import { appendBytes, serialiseStoreBytes } from '../../src/domain/store/store-file.js';

// A reader that kept something for a store's exact bytes (their length and sha1) may take the
// records an append added since, but only when the file is exactly those bytes with an append
// written over their end: a change anywhere else reads as undefined.

const memory = (id: string, content: string) => ({ id, agent: 'data_engineer', type: 'pattern' as const, content, createdAt: 'x', updatedAt: 'x' });
const before = serialiseStoreBytes({ schemaVersion: 1, writeId: 'w1', memories: [memory('a', 'Partition events by day'), memory('b', 'Retry exports with backoff')] });
const known = { length: before.length, digest: createHash('sha1').update(before).digest('hex') };
const appended = (...memories: ReturnType<typeof memory>[]) => Buffer.concat([before.subarray(0, before.length - 4), appendBytes(memories)]);

describe('the records appended to store bytes read before', () => {
  it('are those an append wrote over the end, one append or several', () => {
    expect(recordsAppendedTo(appended(memory('c', 'Cache orders in Redis')), known)).toEqual([memory('c', 'Cache orders in Redis')]);
    expect(recordsAppendedTo(appended(memory('c', 'One'), memory('d', 'Two')), known)).toEqual([memory('c', 'One'), memory('d', 'Two')]);
  });

  it('are none for the same bytes, other bytes before the append, or an append laid out otherwise', () => {
    const grown = appended(memory('c', 'Cache orders in Redis'));
    expect(recordsAppendedTo(before, known)).toBeUndefined();
    expect(recordsAppendedTo(Buffer.from(grown.toString('utf8').replace('events', 'Events')), known), 'an earlier line edited').toBeUndefined();
    expect(recordsAppendedTo(Buffer.from(grown.toString('utf8').replace(',\n{"id":"c"', ', {"id":"c"')), known), 'on the line before').toBeUndefined();
    expect(recordsAppendedTo(Buffer.concat([grown.subarray(0, grown.length - 2)]), known), 'cut short').toBeUndefined();
    expect(recordsAppendedTo(grown, { ...known, digest: '0'.repeat(40) }), 'other bytes read before').toBeUndefined();
  });
});
