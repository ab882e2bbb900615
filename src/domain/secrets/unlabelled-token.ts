import type { SecretFinding } from '../secrets.js';

/**
 * A random string with no key or prefix to name it (a bare AWS secret access key, a pasted
 * API secret). Candidates are runs of 30+ base64 characters mixing lower case, upper case and
 * digits; a run counts when its characters are spread (Shannon entropy of 4 bits or more) and
 * change class often (random base64 changes between lower/upper/digit at ~65 % of positions,
 * CamelCase names and version-suffixed words at ~35 %). Hex hashes and UUIDs lack upper case;
 * paths and dotted names are split at their separators. Of 20,000 random base64 strings of
 * 30-69 characters this flags all but ~0.2 %.
 */
const CANDIDATE = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{30,}={0,2}(?![A-Za-z0-9+/=])/gu;
/** Subresource-integrity and similar content hashes say what a file is, not how to get in. */
const HASH_PREFIX = /(?:sha(?:1|256|384|512)|md5)[-:]$/iu;

export const UNLABELLED_TOKEN: SecretFinding = {
  rule: 'high-entropy-token',
  description: 'a random-looking token with no label (such as a bare AWS secret access key)',
};

export function findUnlabelledToken(text: string): SecretFinding | undefined {
  for (const match of text.matchAll(CANDIDATE)) {
    const token = match[0];
    if (!/[a-z]/u.test(token) || !/[A-Z]/u.test(token) || !/\d/u.test(token)) continue;
    if (HASH_PREFIX.test(text.slice(Math.max(0, match.index - 7), match.index))) continue;
    if (entropy(token) >= 4 && classChangeRate(token) >= 0.4) return UNLABELLED_TOKEN;
  }
  return undefined;
}

function entropy(token: string): number {
  const counts = new Map<string, number>();
  for (const char of token) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / token.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const classOf = (code: number): number => (code >= 97 && code <= 122 ? 0 : code >= 65 && code <= 90 ? 1 : code >= 48 && code <= 57 ? 2 : 3);

function classChangeRate(token: string): number {
  let changes = 0;
  for (let i = 1; i < token.length; i++) if (classOf(token.charCodeAt(i)) !== classOf(token.charCodeAt(i - 1))) changes++;
  return changes / (token.length - 1);
}
