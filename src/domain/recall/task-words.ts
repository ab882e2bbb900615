import { termsOf } from './search-terms.js';

/**
 * Words that say what kind of job a request is, or who asks, rather than what it is about: "Set
 * up alerting for the pipelines", "Build a new extractor for HubSpot", "help our team find out
 * why…". A task written to the agent is full of them, and a memory that happens to share two
 * ("new", "build") outranked the one about its subject. In a query they count for little, in the
 * score and in the matched-terms factor alike; a memory still matches them.
 *
 * To review: a word belongs here only if, in a data engineer's memory, it almost never names the
 * subject. Not here, though task-like: keep, stop, change, move, check, load, run, fail (they
 * name what memories are about: retention, a stopped task, a schema change).
 */
const TASK_WORDS = [
  // Verbs that frame a job.
  'build', 'create', 'make', 'set', 'add', 'write', 'give', 'fix', 'find', 'design', 'plan',
  'help', 'investigate', 'handle', 'prepare', 'compute', 'implement', 'improve', 'figure',
  'need', 'needs', 'want', 'get', 'put', 'try', 'look', 'let', 'ensure', 'sure',
  // Who asks, how, and particles of phrasal verbs (set up, find out).
  'we', 'our', 'us', 'i', 'me', 'my', 'you', 'your', 'please', 'how', 'what', 'why', 'should',
  'would', 'could', 'can', 'up', 'new',
  'data', 'pipeline',
  // Function words of everyday English (the common English stop-word lists, less the negations,
  // the prepositions, which tie a memory's words together: "out of disk during the shuffle", and
  // what stop-words.ts drops already): a request is written with them, a memory is never about one.
  'he', 'him', 'his', 'she', 'her', 'they', 'them', 'their', 'theirs', 'ours', 'yours', 'myself',
  'ourselves', 'themselves', 'which', 'who', 'whom', 'whose', 'am', 'being', 'have', 'has', 'had',
  'having', 'did', 'doing', 'but', 'if', 'because', 'once', 'here', 'there', 'when', 'where',
  'all', 'any', 'both', 'each', 'few', 'more', 'most', 'other', 'some', 'such', 'only', 'own',
  'same', 'too', 'very', 'will', 'just', 'now',
];

let taskTerms: ReadonlySet<string> | undefined;

/** Whether a query term (as the index processes words) only frames the task (see TASK_WORDS). */
export function framesTask(term: string): boolean {
  return (taskTerms ??= new Set(TASK_WORDS.flatMap((word) => termsOf(word)))).has(term);
}
