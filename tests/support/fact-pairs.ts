import fc from 'fast-check';
import { numberSpellings } from './number-spellings.js';

/**
 * Generated one-line facts for the near-duplicate property tests. A fact is a template and the
 * values of its slots; each value has several surface spellings (number words, unit spacing,
 * product aliases, frequency phrasings, negation spellings). Rendering the same values with any
 * spellings gives the same fact; changing or swapping a value gives a different one.
 */

type Domain = 'db' | 'table' | 'count' | 'port' | 'duration' | 'size' | 'freq' | 'neg' | 'toggle' | 'order' | 'when' | 'bound' | 'trend'
  | 'durationBeforeNoun' | 'compound' | 'setting' | 'version' | 'awsProduct' | 'topic';
type Value = string | number | boolean | { n: number; unit: string };
export type Values = Record<string, Value>;

interface Template {
  slots: Record<string, Domain>;
  /** `s(name)` renders a slot with a spelling chosen by the generator. */
  text(s: (name: string) => string): string;
  /** Slots that must differ from each other (a swap of equal values would change nothing). */
  distinct?: Array<[string, string]>;
}


const DBS: Record<string, string[]> = {
  postgres: ['Postgres', 'PostgreSQL', 'postgres', 'PG'],
  snowflake: ['Snowflake', 'snowflake', 'SNOWFLAKE'],
  bigquery: ['BigQuery', 'bigquery', 'BQ'],
  kafka: ['Kafka', 'Apache Kafka', 'kafka'],
  mysql: ['MySQL', 'mysql'],
  redshift: ['Redshift', 'RedShift'],
  spark: ['Spark', 'Apache Spark'],
  openai: ['OpenAI', 'openai'],
  anthropic: ['Anthropic', 'anthropic'],
};
const TABLES = ['orders', 'events', 'charges', 'refunds', 'customers', 'invoices', 'sessions', 'payouts'];
const DURATION_SPELLINGS: Record<string, Array<(n: number) => string>> = {
  s: [(n) => `${n}s`, (n) => `${n} s`, (n) => `${n} seconds`, (n) => `${n} sec`],
  ms: [(n) => `${n}ms`, (n) => `${n} ms`, (n) => `${n} milliseconds`],
  min: [(n) => `${n} min`, (n) => `${n} minutes`, (n) => `${n}min`],
  h: [(n) => `${n}h`, (n) => `${n} hours`, (n) => `${n} hrs`],
};
/** Duration spellings used before a noun: "a 10-minute delay". */
const DURATION_BEFORE_NOUN: Record<string, string> = { s: 'second', ms: 'millisecond', min: 'minute', h: 'hour' };
/**
 * Compounds written as one word, with a hyphen, a space or an underscore. A snake_case name is
 * its words only while they need no folding ("sort_key", not "unique_key", whose "unique" is
 * stemmed as a word but exact in a name), so only such names are spelled with an underscore here.
 */
const COMPOUNDS: Record<string, string[]> = {
  webhook: ['webhooks', 'web-hooks', 'web hooks'],
  lakehouse: ['lakehouse', 'lake house', 'lake-house'],
  multiregion: ['multi-region', 'multiregion', 'multi region'],
  notnull: ['not_null', 'not-null', 'not null'],
  sortkey: ['sort_key', 'sort-key', 'sort key', 'sortkey'],
};
/** A setting of a word to a word: spaced, unspaced, or as "<value> <key>". */
const SETTING_SPELLINGS = [(v: string) => `mode=${v}`, (v: string) => `mode = ${v}`, (v: string) => `${v} mode`];
const AWS_PRODUCTS: Record<string, string[]> = {
  mwaa: ['MWAA', 'Amazon MWAA', 'AWS MWAA'],
  redshift: ['Redshift', 'Amazon Redshift'],
  emr: ['EMR', 'Amazon EMR', 'AWS EMR'],
  kinesis: ['Kinesis', 'Amazon Kinesis'],
};
/** A Kafka topic named by its identifier, before or after the words for its kind. */
const TOPIC_SPELLINGS = [(name: string) => `the ${name} Kafka topic`, (name: string) => `the Kafka topic ${name}`, (name: string) => `Kafka topic ${name}`];
const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB'];
const FREQ_SPELLINGS: Record<string, string[]> = {
  daily: ['daily', 'every day', 'each day', 'per day', 'once a day'],
  hourly: ['hourly', 'every hour', 'each hour', 'per hour'],
  weekly: ['weekly', 'every week', 'each week', 'once a week'],
};
const NEG_SPELLINGS = { yes: ['Do not', 'Never', "Don't", 'do NOT'], no: ['', 'Always', 'You should always'] };
const PAIRS: Record<'toggle' | 'order' | 'when' | 'bound' | 'trend', [string, string]> = {
  toggle: ['enable', 'disable'],
  order: ['ascending', 'descending'],
  when: ['before', 'after'],
  bound: ['at most', 'at least'],
  trend: ['increase', 'decrease'],
};

const DOMAINS: Record<Domain, fc.Arbitrary<Value>> = {
  db: fc.constantFrom(...Object.keys(DBS)),
  table: fc.constantFrom(...TABLES),
  count: fc.oneof(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 21, max: 199 })),
  port: fc.integer({ min: 1024, max: 65535 }),
  duration: fc.record({ n: fc.integer({ min: 2, max: 90 }), unit: fc.constantFrom(...Object.keys(DURATION_SPELLINGS)) }),
  size: fc.record({ n: fc.constantFrom(16, 64, 128, 256, 512), unit: fc.constantFrom(...SIZE_UNITS) }),
  freq: fc.constantFrom(...Object.keys(FREQ_SPELLINGS)),
  neg: fc.boolean(),
  toggle: fc.constantFrom(...PAIRS.toggle),
  order: fc.constantFrom(...PAIRS.order),
  when: fc.constantFrom(...PAIRS.when),
  bound: fc.constantFrom(...PAIRS.bound),
  trend: fc.constantFrom(...PAIRS.trend),
  durationBeforeNoun: fc.record({ n: fc.integer({ min: 2, max: 90 }), unit: fc.constantFrom(...Object.keys(DURATION_SPELLINGS)) }),
  compound: fc.constantFrom(...Object.keys(COMPOUNDS)),
  setting: fc.constantFrom('reschedule', 'poke'),
  version: fc.constantFrom('2.8', '2.9', '2.10', '3.1'),
  awsProduct: fc.constantFrom(...Object.keys(AWS_PRODUCTS)),
  topic: fc.constantFrom('payments.authorizations', 'payments.captures', 'ledger.entries', 'fx.rates'),
};

const TEMPLATES: Template[] = [
  {
    slots: { neg: 'neg', table: 'table', from: 'db', to: 'db', freq: 'freq' },
    distinct: [['from', 'to']],
    text: (s) => `${s('neg')} replicate the ${s('table')} table from ${s('from')} to ${s('to')} ${s('freq')} for the finance dashboards`,
  },
  {
    slots: { db: 'db', table: 'table', partitions: 'count', replicas: 'count' },
    distinct: [['partitions', 'replicas']],
    text: (s) => `The ${s('db')} ${s('table')} topic has ${s('partitions')} partitions and ${s('replicas')} replicas in production`,
  },
  {
    slots: { neg: 'neg', db: 'db', retries: 'count', wait: 'duration' },
    text: (s) => `${s('neg')} retry failed ${s('db')} writes ${s('retries')} times with a ${s('wait')} backoff between attempts`,
  },
  {
    slots: { db: 'db', primary: 'port', replica: 'port' },
    distinct: [['primary', 'replica']],
    text: (s) => `The ${s('db')} primary listens on port ${s('primary')} and the read replica on port ${s('replica')}`,
  },
  {
    slots: { db: 'db', size: 'size', table: 'table', trend: 'trend' },
    text: (s) => `${s('trend')} the ${s('db')} loader batch size to ${s('size')} for the ${s('table')} backfill`,
  },
  {
    slots: { neg: 'neg', table: 'table', freq: 'freq' },
    text: (s) => `${s('neg')} run VACUUM FULL on the production ${s('table')} table ${s('freq')} during business hours`,
  },
  {
    slots: { table: 'table', order: 'order', db: 'db' },
    text: (s) => `Sort the ${s('table')} export by created_at ${s('order')} before loading it into ${s('db')}`,
  },
  {
    slots: { toggle: 'toggle', db: 'db', wait: 'duration' },
    text: (s) => `${s('toggle')} autoscaling on the ${s('db')} cluster after ${s('wait')} of sustained load`,
  },
  {
    slots: { first: 'table', when: 'when', second: 'table', db: 'db' },
    distinct: [['first', 'second']],
    text: (s) => `Load ${s('first')} ${s('when')} ${s('second')} in ${s('db')} so the nightly join never misses rows`,
  },
  {
    slots: { db: 'db', bound: 'bound', connections: 'count' },
    text: (s) => `Cap ${s('db')} connections at ${s('bound').replace(/^at /iu, '')} ${s('connections')} per worker in the ingestion pool`,
  },
  {
    slots: { vendor: 'db', neg: 'neg', wait: 'duration', retries: 'count' },
    text: (s) => `${s('neg')} call the ${s('vendor')} API without a ${s('wait')} timeout; it hangs on ${s('retries')} of every hundred calls`,
  },
  {
    slots: { topic: 'topic', partitions: 'count', replicas: 'count' },
    distinct: [['partitions', 'replicas']],
    text: (s) => `${s('topic')} has ${s('partitions')} partitions and ${s('replicas')} replicas`,
  },
  {
    slots: { neg: 'neg', compound: 'compound', when: 'when', product: 'awsProduct', retries: 'count', wait: 'durationBeforeNoun' },
    text: (s) => `${s('neg')} check the ${s('compound')} in ${s('product')} ${s('when')} the load; retry ${s('retries')} times with a ${s('wait')} delay`,
  },
  {
    slots: { setting: 'setting', version: 'version', product: 'awsProduct', wait: 'duration' },
    text: (s) => `Sensors use ${s('setting')} on ${s('product')} Airflow version ${s('version')} and check every ${s('wait')}`,
  },
];

export interface Fact {
  template: number;
  values: Values;
}

function render(fact: Fact, choices: readonly number[]): string {
  let next = 0;
  const pick = <T>(options: readonly T[]): T => options[(choices[next++ % choices.length] ?? 0) % options.length]!;
  const template = TEMPLATES[fact.template]!;
  const spell = (name: string): string => {
    const value = fact.values[name]!;
    switch (template.slots[name]) {
      case 'db': return pick(DBS[value as string]!);
      case 'count': return pick(numberSpellings(value as number));
      case 'duration': { const { n, unit } = value as { n: number; unit: string }; return pick(DURATION_SPELLINGS[unit]!)(n); }
      case 'durationBeforeNoun': {
        const { n, unit } = value as { n: number; unit: string };
        return pick([...DURATION_SPELLINGS[unit]!.map((spell) => spell(n)), `${n}-${DURATION_BEFORE_NOUN[unit]}`]);
      }
      case 'compound': return pick(COMPOUNDS[value as string]!);
      case 'setting': return pick(SETTING_SPELLINGS)(value as string);
      case 'version': return pick([`v${value}`, String(value), `V${value}`]);
      case 'awsProduct': return pick(AWS_PRODUCTS[value as string]!);
      case 'topic': return pick(TOPIC_SPELLINGS)(value as string);
      case 'size': { const { n, unit } = value as { n: number; unit: string }; return pick([`${n} ${unit}`, `${n}${unit}`, `${n}${unit.toLowerCase()}`]); }
      case 'freq': return pick(FREQ_SPELLINGS[value as string]!);
      case 'neg': return pick(value ? NEG_SPELLINGS.yes : NEG_SPELLINGS.no);
      default: return pick([String(value), String(value).toUpperCase()]);
    }
  };
  const text = template.text(spell).replace(/\s+/gu, ' ').trim();
  return pick([text, `${text}.`, text.toLowerCase(), `${text[0]!.toUpperCase()}${text.slice(1)}`]);
}

const choices = fc.array(fc.nat({ max: 1_000 }), { minLength: 12, maxLength: 12 });

const factArb: fc.Arbitrary<Fact> = fc.nat({ max: TEMPLATES.length - 1 }).chain((template) =>
  fc.record(Object.fromEntries(Object.entries(TEMPLATES[template]!.slots).map(([name, domain]) => [name, DOMAINS[domain]])))
    .filter((values) => (TEMPLATES[template]!.distinct ?? []).every(([a, b]) => !sameValue(values[a]!, values[b]!)))
    .map((values) => ({ template, values })));

/** One fact written twice with independently chosen spellings. */
export const surfaceVariantPair: fc.Arbitrary<readonly [string, string]> = fc.tuple(factArb, choices, choices).map(([fact, a, b]) => [render(fact, a), render(fact, b)] as const);

/** Two different facts from one template: a value changed or two values swapped, each written with any spellings. */
export const keepApartPair: fc.Arbitrary<readonly [string, string, string]> = fc.tuple(factArb, fc.nat(), fc.nat(), choices, choices).chain(([fact, which, other, a, b]): fc.Arbitrary<readonly [string, string, string]> => {
  const template = TEMPLATES[fact.template]!;
  const names = Object.keys(template.slots);
  const name = names[which % names.length]!;
  const partner = names.find((candidate, i) => i !== names.indexOf(name) && template.slots[candidate] === template.slots[name]
    && !sameValue(fact.values[candidate]!, fact.values[name]!) && (other % 2 === 0));
  if (partner) {
    const swapped = { ...fact.values, [name]: fact.values[partner]!, [partner]: fact.values[name]! };
    return fc.constant([render(fact, a), render({ ...fact, values: swapped }, b), `swap ${name}/${partner}`] as readonly [string, string, string]);
  }
  return DOMAINS[template.slots[name]!].filter((value) => !sameValue(value, fact.values[name]!)).map((value) => {
    const changed = { ...fact.values, [name]: value };
    return [render(fact, a), render({ ...fact, values: changed }, b), `change ${name}`] as readonly [string, string, string];
  });
});

function sameValue(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
