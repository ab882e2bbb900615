import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/domain/memory.js';
import { MemoryIndex } from '../../src/domain/recall/memory-index.js';

let clock = 0;
function memory(id: string, content: string): Memory {
  const at = new Date(Date.UTC(2025, 0, 1) + clock++ * 60_000).toISOString();
  return { id, agent: 'data_engineer', type: 'pattern', content, createdAt: at, updatedAt: at };
}

const ids = (index: MemoryIndex, query: string) => index.search(query).map((hit) => hit.id);

describe('how the words of a query count', () => {
  it('searches a phrase of the concept table as all its words, never one of them alone', () => {
    // "oom" brings in "out of memory": a memory saying "out of order" holds "out" but not the phrase.
    const index = new MemoryIndex([
      memory('order', 'Webhooks arrive out of order from the payment provider'),
      memory('memory', 'The nightly job ran out of memory on the big partition'),
    ]);
    expect(ids(index, 'oom')).toEqual(['memory']);
  });

  it('spots a phrase of the table only whole, stop words included', () => {
    // "on-call" is on the alerting line; "call" alone is not, so calling an API brings in no alert.
    const index = new MemoryIndex([
      memory('alerts', 'Alerts for failed loads go to the Slack channel'),
      memory('api', 'Call the scoring API with a 5 second timeout'),
    ]);
    expect(ids(index, 'call the api')).toEqual(['api']);
    expect(ids(index, 'page the on-call')).toContain('alerts');
  });

  it('counts the words that only frame a task for little, so the subject decides', () => {
    // Sharing "build" and "new" with the task made the first memory look like a better match than
    // the one about its subject.
    const index = new MemoryIndex([
      memory('framing', 'Build every new dashboard on the aggregate tables'),
      memory('subject', 'Stripe refunds are negative charges in the balance export'),
    ]);
    expect(ids(index, 'Build a new loader for Stripe refunds')[0]).toBe('subject');
  });

  it('counts the function words a request is written with for little, as the words that frame it', () => {
    // "their" and "too" are rare in a store, so a memory sharing them outranked the one about the subject.
    const index = new MemoryIndex([
      memory('filler', 'Backfills run on their own warehouse so they are not too slow'),
      memory('subject', 'GDPR deletion requests for customer data are processed weekly'),
      memory('other', 'Customer ids are hashed in the marts'),
    ]);
    expect(ids(index, 'their customer data is too old to keep')[0]).toBe('subject');
  });

  it('brings in the longer words a table word starts, as a memory derives them', () => {
    // "erase" is on the line of "delete"; the memory says "deletion", which no line lists.
    const index = new MemoryIndex([
      memory('gdpr', 'GDPR deletion requests are processed weekly'),
      memory('other', 'Customer records are hashed in the marts'),
    ]);
    expect(ids(index, 'erase old records')).toContain('gdpr');
  });

  it('counts a variant that is itself a word of the query for that word alone', () => {
    // "right" is one letter from "night": a memory saying "night" matched "right" and "nightly" as
    // two query words, and outranked memories about the rest of the request.
    const index = new MemoryIndex([
      memory('night', 'Vacuum the orders table every night'),
      memory('other', 'Looker dashboards refresh after the dbt run'),
    ]);
    const scoreOf = (query: string) => index.search(query).find((hit) => hit.id === 'night')?.score;
    expect(scoreOf('refresh right after the nightly run')).toBe(scoreOf('refresh after the nightly run'));
  });

  it('reads a word the store holds as meant, never as a typo of another', () => {
    const index = new MemoryIndex([
      memory('night', 'Vacuum the orders table every night'),
      memory('right', 'The right to be forgotten covers backups too'),
    ]);
    expect(ids(index, 'right')).toEqual(['right']);
    // A word no memory holds still finds its near spellings.
    expect(ids(index, 'vaccum')).toEqual(['night']);
  });

  it('lets related words count in full when no memory holds the word the user wrote', () => {
    const stored = [memory('secrets', 'Keep secrets in the vault and read them at run time'), memory('source', 'Every new source gets a row in the registry')];
    const scoreOf = (index: MemoryIndex, query: string) => index.search(query).find((hit) => hit.id === 'secrets')?.score;
    // "credentials" is held by no memory: "secrets" stands in for it as the user's own word would.
    const none = new MemoryIndex(stored);
    expect(scoreOf(none, 'credentials')).toBe(scoreOf(none, 'secrets'));
    // Once a memory holds "credentials", a memory saying "secrets" counts less than one in the user's word.
    const some = new MemoryIndex([...stored, memory('rotated', 'Rotate the credentials every year')]);
    expect(scoreOf(some, 'credentials')).toBeLessThan(scoreOf(some, 'secrets')!);
  });
});
