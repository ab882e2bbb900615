import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { inAppendableLayout, parseStore } from '../../src/domain/store/store-file.js';

// A person (or jq, an editor's Format Document, Python's json.dump) re-saves the store with its
// writeId kept but no longer on the first line as the server writes it. The store must stay
// writable: the next write rewrites it whole, in the server's own layout.

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { writeId: string; memories: { content: string }[] };

const REFORMATS: Record<string, (json: Record<string, unknown>) => string> = {
  'indented (jq ., Format Document)': (json) => `${JSON.stringify(json, null, 2)}\n`,
  'with Python json.dump separators': (json) => JSON.stringify(json).replace(/([,:])(?=["{[\d])/gu, '$1 '),
  'with its keys reordered': ({ memories, ...rest }) => JSON.stringify({ memories, ...Object.fromEntries(Object.entries(rest).reverse()) }),
};

describe('a store reformatted by hand with its writeId kept', () => {
  for (const [how, reformat] of Object.entries(REFORMATS)) {
    it(`takes adds and updates again when ${how}, rewriting it whole`, async ({ path }) => {
      const service = new MemoryService(new MemoryStore(path));
      const first = await service.add({ type: 'pattern', content: 'Partition key is day' });
      await service.add({ type: 'context', content: 'Warehouse is BigQuery' });
      const writeId = onDisk(path).writeId;
      writeFileSync(path, reformat(onDisk(path)));
      expect(onDisk(path).writeId).toBe(writeId);

      // The same server, then a restarted one.
      await service.add({ type: 'guideline', content: 'Always load into staging first' });
      const restarted = new MemoryService(new MemoryStore(path));
      writeFileSync(path, reformat(onDisk(path)));
      await restarted.update({ id: first.memory.id, content: 'Partition key is hour' });
      await restarted.add({ type: 'mistake', content: 'Never truncate the raw zone' });

      const text = readFileSync(path, 'utf8');
      const parsed = parseStore(text);
      expect(parsed.ok && inAppendableLayout(text, parsed.data)).toBe(true);
      expect(onDisk(path).writeId).not.toBe(writeId);
      expect(onDisk(path).memories.map((memory) => memory.content).sort()).toEqual([
        'Always load into staging first',
        'Never truncate the raw zone',
        'Partition key is hour',
        'Warehouse is BigQuery',
      ]);
    });
  }
});
