import { MEMORY_TYPES, type MemoryType } from '../memory.js';
import { typeTitle } from '../titles.js';
import { agentFromTitle } from './agent-from-title.js';
import { CLAUDE_MPM_TITLE, EMPTY_NOTE } from './export-markdown.js';
import { candidateOf, quoteValue, rejectOf, splitLines, type FormatParse, type ImportCandidate, type ImportReject } from './import-types.js';

const AGENT_HEADING = /^# (.+) Memory$/u;
const TYPE_HEADING = /^## (.+)$/u;
const BULLET = '- ';
const TYPE_LIST = MEMORY_TYPES.map(typeTitle).join(', ');

const typeOfTitle = (title: string): MemoryType | undefined =>
  MEMORY_TYPES.find((type) => type === title.trim().toLowerCase());

const ownAgentTitle = (line: string): string | undefined => {
  const title = AGENT_HEADING.exec(line)?.[1];
  return title === undefined || CLAUDE_MPM_TITLE.test(title) ? undefined : title;
};

/**
 * Strict on purpose: every line must be something exportMarkdown writes. Anything else
 * (comments, other headings, prose) means a hand-written or claude-mpm file.
 */
export function looksLikeOwnMarkdown(text: string): boolean {
  const lines = splitLines(text).map((line) => line.trimEnd()).filter(Boolean);
  if (lines.length === 0 || ownAgentTitle(lines[0]!) === undefined) return false;
  return lines.every((line) => {
    if (line.startsWith(BULLET) || line === EMPTY_NOTE || ownAgentTitle(line) !== undefined) return true;
    const title = TYPE_HEADING.exec(line)?.[1];
    return MEMORY_TYPES.some((type) => typeTitle(type) === title);
  });
}

/** Reads exportMarkdown output. Content is exactly what follows "- ", so it may start with "#". */
export function parseMarkdown(text: string): FormatParse {
  const candidates: ImportCandidate[] = [];
  const rejected: ImportReject[] = [];
  let agent: string | undefined;
  let agentProblem: string | undefined;
  let type: MemoryType | undefined;
  let typeProblem = 'bullet comes before any "## <Type>" heading';

  for (const line of splitLines(text).map((raw) => raw.trimEnd())) {
    if (line === '' || line === EMPTY_NOTE) continue;
    if (line.startsWith(BULLET)) {
      if (type === undefined) rejected.push(rejectOf(line, typeProblem));
      else if (agentProblem !== undefined) rejected.push(rejectOf(line, agentProblem));
      else candidates.push(candidateOf(type, line.slice(BULLET.length), agent));
      continue;
    }
    const agentMatch = AGENT_HEADING.exec(line);
    const typeMatch = TYPE_HEADING.exec(line);
    if (agentMatch) {
      agent = agentFromTitle(agentMatch[1]!);
      agentProblem =
        agent === undefined
          ? `heading ${quoteValue(line)} does not name a valid agent (lower-case letters, digits, "_" or "-"); pass an agent to import these`
          : undefined;
      type = undefined;
      typeProblem = 'bullet comes before any "## <Type>" heading';
    } else if (typeMatch) {
      type = typeOfTitle(typeMatch[1]!);
      typeProblem = `${quoteValue(typeMatch[1]!)} is not a memory type; use one of: ${TYPE_LIST}`;
    } else {
      rejected.push(rejectOf(line, 'not a "- " bullet, "# <Agent> Memory" or "## <Type>" heading'));
    }
  }
  return { candidates, rejected };
}
