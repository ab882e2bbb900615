import { rules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretFinding } from '../secrets.js';

/**
 * The provider rules of secretlint's recommended preset (maintained upstream: AWS, GCP, GitHub,
 * GitLab, Slack, SendGrid, Stripe, OpenAI, Anthropic, Databricks, HashiCorp Vault, …), driven
 * through their public rule interface (`create(context).file(source)`) rather than
 * `@secretlint/core`'s lintSource: that one is async and costs ~0.6 ms a call, which a
 * 10,000-block import would pay 10,000 times; the rules themselves run in ~30 µs on a memory.
 * Only the rule id is kept from a report: its message quotes the secret.
 */
const NOT_SCANNERS = new Set(['@secretlint/secretlint-rule-filter-comments']);

/** How a finding names each rule; an unknown future rule falls back to its own id. */
const NAMES: Record<string, string> = {
  aws: 'an AWS credential',
  gcp: 'a Google Cloud service-account key',
  privatekey: 'a private key',
  npm: 'an npm token',
  basicauth: 'a user:password pair in a URL',
  slack: 'a Slack token or webhook',
  sendgrid: 'a SendGrid API key (SG.…)',
  shopify: 'a Shopify token',
  stripe: 'a Stripe key',
  github: 'a GitHub token',
  gitlab: 'a GitLab token (glpat-…)',
  grafana: 'a Grafana token',
  openai: 'an OpenAI API key',
  anthropic: 'an Anthropic API key',
  groq: 'a Groq API key',
  huggingface: 'a Hugging Face token',
  linear: 'a Linear API key',
  notion: 'a Notion token',
  '1password': 'a 1Password service-account token',
  'database-connection-string': 'a database connection string with a password',
  'hashicorp-vault': 'a HashiCorp Vault token',
  vercel: 'a Vercel token',
  databricks: 'a Databricks token (dapi…)',
  docker: 'a Docker Hub token',
  figma: 'a Figma token',
  cloudflare: 'a Cloudflare token',
  tailscale: 'a Tailscale key',
};

/** The part of secretlint's rule interface (@secretlint/types SecretLintRuleCreator) used here. */
interface PresetRule {
  meta: { id: string };
  create: (context: unknown, options: unknown) => { file?: Scanner['scan'] };
}

interface Scanner {
  finding: SecretFinding;
  scan: (source: { filePath: string; content: string; contentType: 'text'; ext: string }) => void;
}

/**
 * A report is kept when the span it flags could be a real value: documentation writes
 * `user:<password>@host` or `xoxb-your-bot-token`, and a generated credential has digits in it.
 */
const couldBeReal = (span: string): boolean => /\d/u.test(span) && !/[<>{}$*…]|\.{3}/u.test(span);

let scanned = '';
let reported = false;
const scanners: Scanner[] = (rules as readonly PresetRule[])
  .filter((rule) => !NOT_SCANNERS.has(rule.meta.id))
  .map((rule) => {
    const name = rule.meta.id.replace(/^@secretlint\/secretlint-rule-/u, '');
    const context = {
      createTranslator: () => () => '',
      report: ({ range }: { range: readonly [number, number] }) => {
        reported ||= couldBeReal(scanned.slice(range[0], range[1]));
      },
      ignore: () => {},
    };
    // The rules read only createTranslator and report from the context they are given.
    const handlers = rule.create(context, {});
    return { finding: { rule: `secretlint-${name}`, description: NAMES[name] ?? `a credential secretlint's "${name}" rule recognises` }, scan: handlers.file ?? (() => {}) };
  });

/**
 * Every token these rules report is a run of 16+ characters without a space (keys, URLs with
 * credentials, key bodies); the short `a://b:c@d` forms are the connection-string rule's. Text
 * without such a run skips the ~60 µs the preset takes, which most memories are.
 */
const LONG_RUN = /\S{16}/u;

export function findByPresetRules(text: string): SecretFinding | undefined {
  if (!LONG_RUN.test(text)) return undefined;
  scanned = text;
  const source = { filePath: 'memory.txt', content: text, contentType: 'text' as const, ext: '.txt' };
  for (const { finding, scan } of scanners) {
    reported = false;
    scan(source);
    if (reported) return finding;
  }
  return undefined;
}
