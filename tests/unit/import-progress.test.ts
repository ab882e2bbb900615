import { afterEach, expect, it } from 'vitest';
import { exportMemories, importMemories } from '../../src/domain/transfer-memories.js';
import { RecallWorld } from '../support/recall-service.js';

const worlds: RecallWorld[] = [];
afterEach(() => worlds.splice(0).forEach((world) => world.dispose()));

const markdown = (count: number) =>
  `# Data Engineer Memory\n\n## Pattern\n\n${Array.from({ length: count }, (_, i) => `- Table number ${i} is partitioned by its load date`).join('\n')}\n`;

it('a large import with progress reports after each part and stores the same as one write', async () => {
  const world = new RecallWorld();
  worlds.push(world);
  const service = world.service();
  const reports: Array<[number, number]> = [];
  const result = await importMemories(service, { text: markdown(7) }, { every: 3, report: (done, total) => reports.push([done, total]) });
  expect(reports).toEqual([
    [3, 7],
    [6, 7],
    [7, 7],
  ]);
  expect(result.added).toHaveLength(7);
  expect((await exportMemories(service, { format: 'json' })).count).toBe(7);
  const again = await importMemories(service, { text: markdown(7) }, { every: 3, report: () => undefined });
  expect([again.added.length, again.duplicates.length]).toEqual([0, 7]);
});

it('an import no larger than one part reports nothing', async () => {
  const world = new RecallWorld();
  worlds.push(world);
  const reports: number[] = [];
  await importMemories(world.service(), { text: markdown(3) }, { every: 3, report: (done) => reports.push(done) });
  expect(reports).toEqual([]);
});
