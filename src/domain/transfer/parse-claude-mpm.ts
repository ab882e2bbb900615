import type { MemoryType } from '../memory.js';
import { agentFromTitle } from './agent-from-title.js';
import { candidateOf, rejectOf, splitLines, type FormatParse, type ImportCandidate, type ImportReject } from './import-types.js';
import { typeFromKeywords } from './type-from-keywords.js';

const COMMENT = /<!--[\s\S]*?-->/gu;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/u;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/u;
const FENCE = /^\s{0,3}(?:```|~~~)/u;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/u;
/** "- [2025-08-08] fact" or "- [2025-08-06 13:38:35] fact", as claude-mpm stamps learnings. */
const DATED = /^\[(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?\]\s*(.*)$/u;

/** "# Agent Memory: data_engineer" (current) or "# Data Engineer Agent Memory - project" (older). */
function agentOfHeading(title: string): string | undefined {
  const named = /^agent memory:\s*(\S+)/iu.exec(title)?.[1];
  if (named !== undefined) return agentFromTitle(named);
  const titled = /^(.+?)\s+agent\s+memory\b/iu.exec(title)?.[1];
  return titled === undefined ? undefined : agentFromTitle(titled);
}

/** Stamps without a zone are read as UTC so the result does not depend on the host's zone. */
function splitDate(text: string): { content: string; createdAt?: string } {
  const match = DATED.exec(text);
  if (!match) return { content: text };
  const [, day, time, zone, rest] = match;
  const when = new Date(time === undefined ? `${day}T00:00:00Z` : `${day}T${time}${zone ?? 'Z'}`);
  return Number.isNaN(when.getTime()) ? { content: text } : { content: rest!, createdAt: when.toISOString() };
}

/**
 * claude-mpm memory files (.claude-mpm/memories/<agent>_memories.md). Every list item is a
 * memory; its type comes from the nearest heading by keyword, "##" sections defaulting to
 * context and "###" subsections inheriting their section's type when they name none.
 */
export function parseClaudeMpm(text: string): FormatParse {
  const candidates: ImportCandidate[] = [];
  const rejected: ImportReject[] = [];
  let agent: string | undefined;
  let sectionType: MemoryType = 'context';
  let type: MemoryType = 'context';
  let fence: string[] | undefined;

  for (const line of splitLines(text.replace(COMMENT, ''))) {
    if (fence !== undefined) {
      fence.push(line);
      if (FENCE.test(line)) {
        rejected.push(rejectOf(fence.join('\n'), 'code block; only list items are imported'));
        fence = undefined;
      }
      continue;
    }
    if (FENCE.test(line)) {
      fence = [line];
      continue;
    }
    if (line.trim() === '' || RULE.test(line)) continue;

    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    if (heading) {
      const [, hashes, title] = heading;
      if (hashes!.length === 1) {
        agent ??= agentOfHeading(title!);
        sectionType = type = 'context';
      } else if (hashes!.length === 2) {
        sectionType = type = typeFromKeywords(title!) ?? 'context';
      } else {
        type = typeFromKeywords(title!) ?? sectionType;
      }
    } else if (bullet) {
      const { content, createdAt } = splitDate(bullet[1]!);
      candidates.push(candidateOf(type, content, agent, createdAt));
    } else {
      rejected.push(rejectOf(line.trim(), 'not a list item; only "- " bullets are imported'));
    }
  }
  if (fence !== undefined) rejected.push(rejectOf(fence.join('\n'), 'unclosed code block; only list items are imported'));
  return { candidates, rejected };
}
