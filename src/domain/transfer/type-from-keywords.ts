import type { MemoryType } from '../memory.js';

/**
 * Foreign sources name their sections freely ("Common Mistakes to Avoid", "Gotchas").
 * Rules are tried in order, so a heading naming two kinds lands on the more specific one:
 * "Performance Anti-patterns" is a mistake, "Design Patterns" a pattern.
 */
const KEYWORD_RULES: ReadonlyArray<readonly [MemoryType, readonly string[]]> = [
  ['mistake', ['mistake', 'gotcha', 'pitfall', 'avoid', 'bug', 'anti']],
  ['performance', ['performance', 'perf', 'optimi']],
  ['integration', ['integration', 'api', 'endpoint']],
  ['strategy', ['strateg', 'approach']],
  ['guideline', ['guideline', 'convention', 'standard', 'practice', 'rule']],
  ['pattern', ['pattern']],
  ['architecture', ['architect', 'decision', 'design']],
  ['context', ['context', 'environment', 'domain', 'learning', 'knowledge', 'other']],
];

/** Matches word prefixes, not substrings, so "debugging" is not a bug and "capital" no API. */
export function typeFromKeywords(text: string): MemoryType | undefined {
  const words = text.toLowerCase().split(/[^a-z]+/u).filter(Boolean);
  const hit = KEYWORD_RULES.find(([, keys]) => words.some((word) => keys.some((key) => word.startsWith(key))));
  return hit?.[0];
}
