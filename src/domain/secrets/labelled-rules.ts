import { REFERENCE_MASK } from './references.js';
import type { Rule } from './rule.js';

/**
 * Values that stand for a secret rather than being one: template and shell references
 * (`${X}`, `$X`, `$(cmd)`, `{{x}}`, `%X%`, `<x>`), masks (`***`, `xxx`, `...`), the key's own
 * name (`password`, `your_token`), an environment variable's name (`OPENAI_API_KEY`), and
 * `changeme`, a well-known default that leaks nothing.
 */
const PLACEHOLDER =
  /^(?:\$.*|%.*%|<.*>|\{.*\}|\[.*\]|\(.*\)|\*+|x{3,}|\.{3}|…|(?:your|my)?[_-]?(?:password|passwd|pass|pwd|secret|token|api[_-]?key)|changeme|redacted|placeholder|null|none|undefined)$/iu;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u;

/** "secret: /etc/app/secret.env" says where a secret lives, which is fine to remember. */
const PATH = /^(?:~|\.{1,2})?\//u;

/**
 * Names of standards that end in digits, as in "token: OAuth2 client credentials" or
 * "secret: HS256": they read like weak passwords to the digit rule below but name a mechanism.
 */
const TECH_TERM = /^(?:oauth[12](?:\.\d)?|openid2?|saml2?|sha-?(?:1|224|256|384|512)|md5|[hre]s(?:256|384|512)|aes-?(?:128|192|256)|https?[23]?|tls1(?:\.[0-3])?|s3|ec2|k8s|base64|utf-?8|ipv[46]|x509|pkcs#?\d{1,2}|v\d+(?:\.\d+)*)$/iu;

const isPlaceholder = (value: string): boolean => PLACEHOLDER.test(value) || ENV_NAME.test(value) || value.includes(REFERENCE_MASK);

/**
 * A key like `password` or `token` is also an everyday word ("password: use the vault",
 * "token: see the runbook"), so its value must look like a credential too:
 * - quoted: quoting after `key=`/`key:` is code, not prose, so any non-placeholder value of
 *   4+ characters counts (spaces allowed, for passphrases);
 * - bare: only the first word after the separator is read; without trailing `.:)]` it must
 *   have 6+ characters, include a digit or a symbol other than `.`, `-`, `_`, `/` (so
 *   hyphenated words and dotted names stay prose), and be neither a placeholder, a path nor
 *   the name of a standard.
 */
function isCredentialValue(match: RegExpMatchArray): boolean {
  const quoted = match[1] ?? match[2];
  if (quoted !== undefined) {
    const value = quoted.trim();
    return value.length >= 4 && !isPlaceholder(value);
  }
  return looksLikePassword(match[3] ?? '');
}

function looksLikePassword(bare: string): boolean {
  if (isPlaceholder(bare) || PATH.test(bare)) return false;
  const value = bare.replace(/[.:)\],]+$/u, '');
  return value.length >= 6 && /\d|[^\p{L}\p{N}._/-]/u.test(value) && !TECH_TERM.test(value);
}

// `[_-]pass` rather than `pass` after a prefix: "DB_PASS=" is a credential, "bypass: 3rd-party" is
// not; `pass` and `pw` alone ("pass=…", "db pass: …", "PW: …") are keys too.
const KEY_NAMES = 'password|passwd|passphrase|pwd|[_-]pass|secret|token|api[_-]?key|access[_-]?key|private[_-]?key';
const SHORT_KEYS = 'pass|pw|passcode';

// Values are capped at 200 characters so a value that never closes cannot be rescanned
// from every key that precedes it.
const ASSIGNMENT = new RegExp(
  `(?<![\\w-])(?:[\\w-]*?(?:${KEY_NAMES})|${SHORT_KEYS})["']?[ \\t]*[:=][ \\t]*(?:"([^"\\n]{1,200})"|'([^'\\n]{1,200})'|([^\\s"',;]{1,200}))`,
  'giu',
);

/** "the staging password is Tr0ub4dor&3": the same judgement of the value, after "is" or "was". */
const PROSE = /(?<![\w-])(?:password|passwd|passphrase|passcode|pass|pwd|pw|secret|token|api[ _-]?key)\s+(?:is|was|=)\s+([^\s"',;]{1,200})/giu;

/** "a:b" in base64, as in `Authorization: Basic dXNlcjpwYXNz`. */
function isBasicCredential(match: RegExpMatchArray): boolean {
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('latin1');
  return /^[\x20-\x7e]+:[\x20-\x7e]+$/u.test(decoded);
}

/** Checked after the provider formats: these need a key, a header or a command to point at the secret. */
export const LABELLED_RULES: readonly Rule[] = [
  {
    rule: 'basic-auth-header',
    description: 'HTTP Basic credentials (Authorization: Basic …)',
    pattern: /(?<![\w-])basic\s+([A-Za-z0-9+/]{4,400}={0,2})(?![A-Za-z0-9+/=])/giu,
    accept: isBasicCredential,
  },
  {
    rule: 'bearer-token',
    description: 'a bearer token in an Authorization header (Bearer …)',
    pattern: /(?<![\w-])bearer\s+([A-Za-z0-9\-._~+/]{20,}=*)/giu,
    // "Bearer <token>" and "Bearer $TOKEN" are how docs write it; a real one mixes digits in.
    accept: (m) => /\d/u.test(m[1] ?? '') && !isPlaceholder(m[1] ?? ''),
  },
  {
    rule: 'connection-string-password',
    description: 'a password inside a connection string (scheme://user:password@host)',
    pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@[^\s/@]/giu,
    accept: (m) => !isPlaceholder(m[1] ?? ''),
  },
  {
    rule: 'mysql-password-flag',
    description: 'a password on a MySQL command line (-p…)',
    // The mysql clients take the password glued to -p (case matters: -P is the port), within a
    // few words of the command; docker's -p3306:3306 is a port mapping.
    pattern: /(?<![\w-])(?:mysql|MySQL|mariadb|MariaDB)[\w-]*(?: +(?!-p)\S+){0,10}? +-p([^\s'"-][^\s'"]{3,199})/gu,
    accept: (m) => !/^\d+(?::\d+)*$/u.test(m[1] ?? '') && !isPlaceholder(m[1] ?? ''),
  },
  {
    rule: 'credential-assignment',
    description: 'a credential assigned to a key such as password=, secret: or api_key=',
    pattern: ASSIGNMENT,
    accept: isCredentialValue,
  },
  {
    rule: 'password-in-prose',
    description: 'a password or token written out in a sentence ("the password is …")',
    pattern: PROSE,
    accept: (m) => looksLikePassword(m[1] ?? ''),
  },
];
