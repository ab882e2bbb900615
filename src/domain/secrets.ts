/**
 * Memories are stored in JSON files that users commit to git, so content that carries a
 * credential is refused before it is written. The finding names the rule, never the secret.
 *
 * Linear time on hostile input: every pattern either starts with a literal, or has a
 * lookbehind that only lets a match begin at the start of a run of the characters it then
 * consumes. Runs do not overlap, so each character is scanned a bounded number of times
 * (V8's regex engine backtracks, and `\b` alone would let "eyJ-eyJ-…" restart at every "-").
 */
export interface SecretFinding {
  rule: string;
  description: string;
}

interface Rule extends SecretFinding {
  /** Must carry the `g` flag: matchAll copies it, so the shared constant keeps no state. */
  pattern: RegExp;
  /** Second look at a match the regex alone cannot judge (placeholders, prose). */
  accept?: (match: RegExpMatchArray) => boolean;
}

/**
 * Values that stand for a secret rather than being one: template and shell references
 * (`${X}`, `$X`, `$(cmd)`, `{{x}}`, `%X%`, `<x>`), masks (`***`, `xxx`, `...`), the key's own
 * name (`password`, `your_token`), and `changeme`, a well-known default that leaks nothing.
 */
const PLACEHOLDER =
  /^(?:\$.*|%.*%|<.*>|\{.*\}|\[.*\]|\(.*\)|\*+|x{3,}|\.{3}|…|(?:your|my)?[_-]?(?:password|passwd|pass|pwd|secret|token|api[_-]?key)|changeme|redacted|placeholder|null|none|undefined)$/iu;

/** "secret: /etc/app/secret.env" says where a secret lives, which is fine to remember. */
const PATH = /^(?:~|\.{1,2})?\//u;

const hasMixedCaseAndDigit = (s: string): boolean => /[a-z]/u.test(s) && /[A-Z]/u.test(s) && /\d/u.test(s);

/**
 * A key like `password` or `token` is also an everyday word ("password: use the vault",
 * "token: see the runbook"), so its value must look like a credential too:
 * - quoted: quoting after `key=`/`key:` is code, not prose, so any non-placeholder value of
 *   4+ characters counts (spaces allowed, for passphrases);
 * - bare: only the first word after the separator is read; without trailing `.:)]` it must
 *   have 6+ characters, include a digit or a symbol other than `.`, `-`, `_`, `/` (so
 *   hyphenated words and dotted names stay prose), and be neither a placeholder nor a path.
 * Refusing a rare false positive ("token: OAuth2") costs a rephrase; a leak cannot be undone.
 */
function isCredentialValue(match: RegExpMatchArray): boolean {
  const quoted = match[1] ?? match[2];
  if (quoted !== undefined) {
    const value = quoted.trim();
    return value.length >= 4 && !PLACEHOLDER.test(value);
  }
  const bare = match[3] ?? '';
  if (PLACEHOLDER.test(bare) || PATH.test(bare)) return false;
  const value = bare.replace(/[.:)\]]+$/u, '');
  return value.length >= 6 && /\d|[^\p{L}\p{N}._/-]/u.test(value);
}

// `[_-]pass` rather than `pass`: "DB_PASS=" is a credential, "pass: true" is not.
const KEY_NAMES = 'password|passwd|passphrase|pwd|[_-]pass|secret|token|api[_-]?key|access[_-]?key|private[_-]?key';

// Values are capped at 200 characters so a value that never closes cannot be rescanned
// from every key that precedes it.
const ASSIGNMENT = new RegExp(
  `(?<![\\w-])[\\w-]*?(?:${KEY_NAMES})["']?[ \\t]*[:=][ \\t]*(?:"([^"\\n]{1,200})"|'([^'\\n]{1,200})'|([^\\s"',;]{1,200}))`,
  'giu',
);

/** Checked in this order: specific provider formats first, the generic assignment last. */
const RULES: readonly Rule[] = [
  {
    rule: 'private-key',
    description: 'a private key block (-----BEGIN … PRIVATE KEY-----)',
    pattern: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/gu,
  },
  {
    rule: 'anthropic-api-key',
    description: 'an Anthropic API key (sk-ant-…)',
    pattern: /(?<![\w-])sk-ant-[\w-]{20,}/gu,
  },
  {
    rule: 'openai-api-key',
    description: 'an OpenAI API key (sk-… or sk-proj-…)',
    pattern: /(?<![\w-])sk-(?!ant-)[\w-]{20,}/gu,
    // Real keys are random base62; this keeps "sk-learn-compatible-transformers" allowed.
    accept: (m) => hasMixedCaseAndDigit(m[0]),
  },
  {
    rule: 'aws-access-key-id',
    description: 'an AWS access key id (AKIA…/ASIA…)',
    pattern: /(?<![A-Za-z0-9])A(?:KI|SI)A[A-Z0-9]{16}(?![A-Za-z0-9])/gu,
  },
  {
    rule: 'github-token',
    description: 'a GitHub token (ghp_…, gho_…, ghu_…, ghs_…, ghr_…, github_pat_…)',
    pattern: /(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{22,})/gu,
  },
  {
    rule: 'slack-webhook-url',
    description: 'a Slack webhook URL (hooks.slack.com/…)',
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[\w/-]{20,}/gu,
  },
  {
    rule: 'slack-token',
    description: 'a Slack token (xoxb-…, xoxp-…, xoxa-…, xoxr-…, xoxs-…)',
    pattern: /(?<![\w-])xox[abprs]-[A-Za-z0-9-]{10,}/gu,
    // Real tokens embed numeric team/user ids; "xoxb-your-bot-token" is an example.
    accept: (m) => /\d/u.test(m[0]),
  },
  {
    rule: 'google-api-key',
    description: 'a Google API key (AIza…)',
    pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/gu,
  },
  {
    rule: 'stripe-secret-key',
    description: 'a Stripe live secret key (sk_live_…/rk_live_…)',
    pattern: /(?<!\w)[rs]k_live_[A-Za-z0-9]{16,}/gu,
  },
  {
    rule: 'npm-token',
    description: 'an npm access token (npm_…)',
    pattern: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/gu,
  },
  {
    rule: 'huggingface-token',
    description: 'a Hugging Face token (hf_…)',
    pattern: /(?<![\w-])hf_[A-Za-z0-9]{30,}(?![\w-])/gu,
    accept: (m) => hasMixedCaseAndDigit(m[0]),
  },
  {
    rule: 'jwt',
    description: 'a JSON Web Token (eyJ….….…)',
    pattern: /(?<![\w-])eyJ[\w-]{10,}\.[\w-]{2,}\.[\w-]{10,}/gu,
  },
  {
    rule: 'bearer-token',
    description: 'a bearer token in an Authorization header (Bearer …)',
    pattern: /\bBearer\s+([A-Za-z0-9\-._~+/]{20,}=*)/gu,
    // "Bearer <token>" and "Bearer $TOKEN" are how docs write it; a real one mixes digits in.
    accept: (m) => /\d/u.test(m[1] ?? '') && !PLACEHOLDER.test(m[1] ?? ''),
  },
  {
    rule: 'connection-string-password',
    description: 'a password inside a connection string (scheme://user:password@host)',
    pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@[^\s/@]/giu,
    accept: (m) => !PLACEHOLDER.test(m[1] ?? ''),
  },
  {
    rule: 'credential-assignment',
    description: 'a credential assigned to a key such as password=, secret: or api_key=',
    pattern: ASSIGNMENT,
    accept: isCredentialValue,
  },
];

/**
 * Returns the first credential-looking thing in text, or undefined. "First" follows rule
 * priority (provider formats before generic assignments), then position. Never returns the
 * secret itself: the finding holds only a rule id and a fixed description.
 */
export function findSecret(text: string): SecretFinding | undefined {
  for (const { rule, description, pattern, accept } of RULES) {
    for (const match of text.matchAll(pattern)) {
      if (!accept || accept(match)) return { rule, description };
    }
  }
  return undefined;
}
