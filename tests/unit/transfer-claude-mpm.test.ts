import { describe, expect, it } from 'vitest';
import { parseImport } from '../../src/domain/transfer/parse-import.js';

// Shape of a current claude-mpm file: header, timestamp comment, one flat list of learnings.
const CURRENT = `# Agent Memory: data_engineer
<!-- Last Updated: 2025-08-08T09:00:00Z -->

- [2025-08-08] Use composite indexes for multi-column queries
- [2025-08-06 13:38:35] Postgres replica lags up to 30s under load
- Orders table is partitioned by month
`;

// Shape of an older claude-mpm file: titled header, limits comment, typed sections.
const SECTIONED = `# Data Engineer Agent Memory - shop

<!-- MEMORY LIMITS: 8KB max | 10 sections max | 15 items per section -->

## Coding Patterns Learned
- Idempotent upserts keyed on natural keys

## Common Mistakes to Avoid
- Don't normalize customer data beyond 3NF

## Implementation Guidelines
* Always validate data at pipeline boundaries

## Effective Strategies
<!-- Successful approaches discovered through experience -->
1. Backfill in daily chunks, newest first

## Integration Points
- Stripe webhooks retry for 3 days

## Performance Considerations
- Cluster BigQuery tables on customer_id

## Project Architecture
- Kafka feeds the lake; dbt builds marts

## Gotchas
- Airflow execution_date is the interval start

### Airflow
- Sensors hold a worker slot while they wait

### Decisions
- Chose Parquet over Avro for the lake

## Domain-Specific Knowledge
- A "seat" is a paid licence, not a user

## Recent Learnings
- Vendor API caps at 100 requests per minute

Project uses flask and celery.
`;

describe('parsing claude-mpm memory files', () => {
  it('strips dated prefixes into createdAt and files an unsectioned list as context', () => {
    const parsed = parseImport(CURRENT);
    expect(parsed.format).toBe('claude-mpm');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.candidates).toEqual([
      { agent: 'data_engineer', type: 'context', content: 'Use composite indexes for multi-column queries', createdAt: '2025-08-08T00:00:00.000Z' },
      { agent: 'data_engineer', type: 'context', content: 'Postgres replica lags up to 30s under load', createdAt: '2025-08-06T13:38:35.000Z' },
      { agent: 'data_engineer', type: 'context', content: 'Orders table is partitioned by month' },
    ]);
  });

  it('maps section names onto types by keyword, lets an unnamed subsection inherit, and takes the agent from a titled header', () => {
    const parsed = parseImport(SECTIONED);
    expect(parsed.format).toBe('claude-mpm');
    expect(parsed.candidates.map(({ type, content }) => [type, content])).toEqual([
      ['pattern', 'Idempotent upserts keyed on natural keys'],
      ['mistake', "Don't normalize customer data beyond 3NF"],
      ['guideline', 'Always validate data at pipeline boundaries'],
      ['strategy', 'Backfill in daily chunks, newest first'],
      ['integration', 'Stripe webhooks retry for 3 days'],
      ['performance', 'Cluster BigQuery tables on customer_id'],
      ['architecture', 'Kafka feeds the lake; dbt builds marts'],
      ['mistake', 'Airflow execution_date is the interval start'],
      ['mistake', 'Sensors hold a worker slot while they wait'],
      ['architecture', 'Chose Parquet over Avro for the lake'],
      ['context', 'A "seat" is a paid licence, not a user'],
      ['context', 'Vendor API caps at 100 requests per minute'],
    ]);
    expect(new Set(parsed.candidates.map((candidate) => candidate.agent))).toEqual(new Set(['data_engineer']));
    expect(parsed.rejected).toEqual([
      { block: 'Project uses flask and celery.', reason: 'not a list item; only "- " bullets are imported' },
    ]);
  });

  it('reports prose and code blocks as not imported instead of dropping them silently', () => {
    const parsed = parseImport('# Agent Memory: qa\n\n## Learnings\n- kept fact here\nloose prose\n```\n- not a bullet\n```\n');
    expect(parsed.candidates).toEqual([{ agent: 'qa', type: 'context', content: 'kept fact here' }]);
    expect(parsed.rejected).toEqual([
      { block: 'loose prose', reason: 'not a list item; only "- " bullets are imported' },
      { block: '```\n- not a bullet\n```', reason: 'code block; only list items are imported' },
    ]);
  });

  it('leaves the agent unset when the header names none', () => {
    const parsed = parseImport('# Agent Memory\n\n## Patterns\n- Retry with jitter\n', 'claude-mpm');
    expect(parsed.candidates).toEqual([{ type: 'pattern', content: 'Retry with jitter' }]);
  });
});
