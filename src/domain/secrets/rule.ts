import type { SecretFinding } from '../secrets.js';

export interface Rule extends SecretFinding {
  /** Must carry the `g` flag: matchAll copies it, so the shared constant keeps no state. */
  pattern: RegExp;
  /** Second look at a match the regex alone cannot judge (placeholders, prose, references). */
  accept?: (match: RegExpMatchArray) => boolean;
}

/** The first rule, in list order, with a match it accepts. */
export function firstFinding(rules: readonly Rule[], text: string): SecretFinding | undefined {
  for (const { rule, description, pattern, accept } of rules) {
    for (const match of text.matchAll(pattern)) {
      if (!accept || accept(match)) return { rule, description };
    }
  }
  return undefined;
}

export const hasMixedCaseAndDigit = (s: string): boolean => /[a-z]/u.test(s) && /[A-Z]/u.test(s) && /\d/u.test(s);
