import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/domain/transfer/parse-import.js';

const JSONL = [
  '{"type":"entity","name":"Orders pipeline","entityType":"system","observations":["Runs hourly in Airflow","Writes to BigQuery"]}',
  '{"type":"entity","name":"Retry policy","entityType":"pattern","observations":["Exponential backoff with jitter"]}',
  '{"type":"relation","from":"Orders pipeline","to":"Kafka","relationType":"reads_from"}',
  '{"type":"entity","name":"Half-written',
  '{"type":"entity","name":"Lonely","entityType":"thing","observations":[]}',
].join('\n');

describe('parsing server-memory knowledge graphs', () => {
  it('turns observations into "<Entity>: <observation>" and relations into sentences', () => {
    const parsed = parseImport(JSONL);
    expect(parsed.format).toBe('server-memory');
    expect(parsed.candidates).toEqual([
      { type: 'context', content: 'Orders pipeline: Runs hourly in Airflow' },
      { type: 'context', content: 'Orders pipeline: Writes to BigQuery' },
      { type: 'pattern', content: 'Retry policy: Exponential backoff with jitter' },
      { type: 'context', content: 'Orders pipeline reads from Kafka' },
    ]);
  });

  it('reports a corrupt line and an entity with no observations, with reasons', () => {
    expect(parseImport(JSONL).rejected).toEqual([
      { block: '{"type":"entity","name":"Half-written', reason: expect.stringContaining('not valid JSON') },
      { block: expect.stringContaining('"Lonely"'), reason: 'entity "Lonely" has no observations; nothing to import' },
    ]);
  });

  it('reads the single-object read_graph dump too', () => {
    const dump = JSON.stringify({
      entities: [{ name: 'dbt', entityType: 'tool', observations: ['Models live in /analytics'] }],
      relations: [{ from: 'dbt', to: 'BigQuery', relationType: 'builds_marts_in' }],
    });
    expect(parseImport(dump)).toEqual({
      format: 'server-memory',
      rejected: [],
      candidates: [
        { type: 'context', content: 'dbt: Models live in /analytics' },
        { type: 'context', content: 'dbt builds marts in BigQuery' },
      ],
    });
  });

  it('refuses records of an unknown type', () => {
    const parsed = parseImport('{"type":"observation","text":"hi"}', 'server-memory');
    expect(parsed.rejected).toEqual([
      { block: '{"type":"observation","text":"hi"}', reason: 'record type "observation" is not "entity" or "relation"' },
    ]);
  });
});
