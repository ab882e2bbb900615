import { LABELLED_RULES } from './secrets/labelled-rules.js';
import { PROVIDER_RULES } from './secrets/provider-rules.js';
import { maskReferences } from './secrets/references.js';
import { firstFinding } from './secrets/rule.js';
import { findByPresetRules } from './secrets/secretlint-rules.js';
import { findUnlabelledToken } from './secrets/unlabelled-token.js';
import { visibleText } from './secrets/visible-text.js';

/**
 * Memories are stored in JSON files that users commit to git, so content that carries a
 * credential is refused before it is written, and replies never quote one back. The finding
 * names the rule, never the secret.
 */
export interface SecretFinding {
  rule: string;
  description: string;
}

/**
 * Returns the first credential-looking thing in text, or undefined. Looked for, in order, in the
 * text as a reader sees it (invisible characters removed, whitespace folded, so a zero-width space
 * or a line break cannot split a key from its value): provider formats (ours, then secretlint's
 * preset), then — with references to where a secret lives masked — labelled values
 * (`password=…`, `Authorization: Basic …`, `mysql -p…`) and finally unlabelled random tokens.
 */
export function findSecret(text: string): SecretFinding | undefined {
  const visible = visibleText(text);
  const provider = firstFinding(PROVIDER_RULES, visible) ?? findByPresetRules(visible);
  if (provider) return provider;
  const masked = maskReferences(visible);
  return firstFinding(LABELLED_RULES, masked) ?? findUnlabelledToken(masked);
}
