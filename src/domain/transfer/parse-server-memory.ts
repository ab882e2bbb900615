import { candidateOf, isObject, quoteValue, rejectOf, splitLines, stringsIn, type FormatParse, type ImportCandidate, type ImportReject } from './import-types.js';
import { parseJsonText } from './parse-json-text.js';
import { typeFromKeywords } from './type-from-keywords.js';

type GraphRecord = Record<string, unknown>;

const isGraphRecord = (value: unknown): value is GraphRecord =>
  isObject(value) && (value.type === 'entity' || value.type === 'relation');

function parseLine(line: string): unknown {
  try {
    return parseJsonText(line);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Used by detection: a line of the reference MCP server-memory's memory.jsonl. */
export const isGraphLine = (line: string): boolean => isGraphRecord(parseLine(line.trim()));

/** read_graph answers with one object rather than JSONL; its records carry no "type". */
export function graphDump(value: unknown): GraphRecord[] | undefined {
  if (!isObject(value) || !(Array.isArray(value.entities) || Array.isArray(value.relations))) return undefined;
  const tag = (records: unknown, type: string): GraphRecord[] =>
    (Array.isArray(records) ? records : []).map((record) => ({ type, ...(isObject(record) ? record : { value: record }) }));
  return [...tag(value.entities, 'entity'), ...tag(value.relations, 'relation')];
}

/** Candidates for one record, or the reason it was refused. */
function readRecord(record: GraphRecord): ImportCandidate[] | string {
  const { type, name, entityType, observations, from, to, relationType } = record;
  if (type === 'entity') {
    if (typeof name !== 'string') return 'entity has no "name" string';
    const texts = Array.isArray(observations) ? observations.filter((item) => typeof item === 'string') : [];
    if (texts.length === 0) return `entity ${quoteValue(name)} has no observations; nothing to import`;
    const memoryType = (typeof entityType === 'string' && typeFromKeywords(entityType)) || 'context';
    return texts.map((text) => candidateOf(memoryType, `${name}: ${text}`));
  }
  if (type === 'relation') {
    if (typeof from !== 'string' || typeof to !== 'string' || typeof relationType !== 'string') {
      return 'relation needs "from", "to" and "relationType" strings';
    }
    // Relations may link people as well as systems, so they stay neutral context, not architecture.
    return [candidateOf('context', `${from} ${relationType.replace(/_/gu, ' ')} ${to}`)];
  }
  return `record type ${quoteValue(type)} is not "entity" or "relation"`;
}

/**
 * the reference MCP server-memory's knowledge graph: each observation becomes
 * "<Entity>: <observation>" and each relation "<from> <relation type> <to>". The graph has
 * no agents, so candidates carry none.
 */
export function parseServerMemory(text: string): FormatParse {
  const candidates: ImportCandidate[] = [];
  const rejected: ImportReject[] = [];
  const keep = (result: ImportCandidate[] | string, block: string, record: unknown): void => {
    if (typeof result === 'string') rejected.push(rejectOf(block, result, stringsIn(record)));
    else candidates.push(...result);
  };
  const dump = graphDump(parseLine(text));
  if (dump !== undefined) {
    for (const record of dump) keep(readRecord(record), JSON.stringify(record), record);
    return { candidates, rejected };
  }
  for (const line of splitLines(text).map((raw) => raw.trim()).filter(Boolean)) {
    const value = parseLine(line);
    if (value === undefined) rejected.push(rejectOf(line, 'not valid JSON; each line must be one entity or relation object'));
    else if (!isObject(value)) rejected.push(rejectOf(line, 'not a JSON object; expected {"type": "entity" | "relation", ...}', stringsIn(value)));
    else keep(readRecord(value), line, value);
  }
  return { candidates, rejected };
}
