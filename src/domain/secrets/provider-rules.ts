import { hasMixedCaseAndDigit, type Rule } from './rule.js';

/**
 * Provider formats the secretlint preset does not cover, or covers only in a fuller context
 * than a one-line memory gives (its AWS rule wants the variable name, its private-key rule the
 * END line). Linear on hostile input: each pattern starts with a literal or a lookbehind that
 * only lets a match begin at the start of a run of the characters it then consumes.
 */
export const PROVIDER_RULES: readonly Rule[] = [
  {
    rule: 'private-key',
    description: 'a private key block (-----BEGIN … PRIVATE KEY----- and its body)',
    // The header alone is how people write about PEM files; the key is the base64 after it.
    pattern: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?----- ?([A-Za-z0-9+/=]{8,})/gu,
    accept: (m) => /[\d+/]/u.test(m[1] ?? ''),
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
    rule: 'azure-storage-key',
    description: 'an Azure storage account key (AccountKey=…)',
    pattern: /(?<![\w-])AccountKey=([A-Za-z0-9+/]{40,}={0,2})/giu,
  },
  {
    rule: 'azure-sas-signature',
    description: 'an Azure shared access signature (sig=… in a SAS URL or token)',
    pattern: /(?<![\w-])sig=([A-Za-z0-9%+/]{20,}(?:%3D|=){0,2})/giu,
  },
  {
    rule: 'twilio-api-key',
    description: 'a Twilio API key (SK…)',
    pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/gu,
  },
  {
    rule: 'google-oauth-token',
    description: 'a Google OAuth access token (ya29.…)',
    pattern: /(?<![\w-])ya29\.[\w-]{20,}/gu,
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
];
