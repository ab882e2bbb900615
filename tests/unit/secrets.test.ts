import { describe, it, expect } from 'vitest';
import { findSecret } from '../../src/domain/secrets.js';

// Fake credentials are assembled at runtime so this file does not itself trip the
// secret scanners (GitHub push protection, gitleaks) that guard the repository.
const body = (n: number): string => 'a1B2c3D4e5F6g7H8'.repeat(8).slice(0, n);

const positives: { name: string; text: string; secret: string; rule: string }[] = [
  { name: 'an RSA private key', text: `key: -----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA' + body(24)}`, secret: 'MIIEpAIBAAKCAQEA', rule: 'private-key' },
  { name: 'an OpenSSH private key', text: `-----BEGIN OPENSSH PRIVATE KEY----- ${'b3BlbnNzaC1rZXktdjEA' + body(16)}`, secret: 'b3BlbnNzaC1rZXktdjEA', rule: 'private-key' },
  { name: 'a plain PKCS#8 private key', text: `-----BEGIN PRIVATE KEY-----${'MIIEvQIBADANBgkq' + body(16)}`, secret: 'MIIEvQIBADANBgkq', rule: 'private-key' },
  { name: 'a PGP private key block', text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${'lQOYBF' + body(30)}`, secret: 'lQOYBF', rule: 'private-key' },
  { name: 'an EC private key', text: `-----BEGIN EC PRIVATE KEY----- ${'MHcCAQEEI' + body(30)}`, secret: 'MHcCAQEEI', rule: 'private-key' },
  { name: 'an Anthropic key', text: `use ${'sk-ant-api03-' + body(40)} here`, secret: 'sk-ant-api03-' + body(40), rule: 'anthropic-api-key' },
  { name: 'a legacy OpenAI key', text: `OPENAI key ${'sk-' + body(48)}`, secret: 'sk-' + body(48), rule: 'openai-api-key' },
  { name: 'an OpenAI project key', text: `key=${'sk-proj-' + body(40) + '_x-Y'}`, secret: 'sk-proj-' + body(40), rule: 'openai-api-key' },
  { name: 'an AWS access key id', text: `aws id ${'AKIA' + 'IOSFODNN7EXAMPL1'}`, secret: 'AKIAIOSFODNN7EXAMPL1', rule: 'aws-access-key-id' },
  { name: 'an AWS temporary key id', text: `${'ASIA' + 'Q3EGRX5PLUMB0T1Z'} in ci`, secret: 'ASIAQ3EGRX5PLUMB0T1Z', rule: 'aws-access-key-id' },
  { name: 'a GitHub classic token', text: `clone with ${'ghp_' + body(36)}`, secret: 'ghp_' + body(36), rule: 'github-token' },
  { name: 'a GitHub app token', text: `${'ghs_' + body(36)}`, secret: 'ghs_' + body(36), rule: 'github-token' },
  { name: 'a GitHub fine-grained token', text: `${'github_pat_' + body(22) + '_' + body(59)}`, secret: 'github_pat_' + body(22), rule: 'github-token' },
  { name: 'a Slack bot token', text: `bot ${'xoxb-' + '123456789012-1234567890123-' + body(24)}`, secret: 'xoxb-123456789012', rule: 'slack-token' },
  { name: 'a Slack user token', text: `${'xoxp-' + '123456789012-' + body(20)}`, secret: 'xoxp-123456789012', rule: 'slack-token' },
  { name: 'a Slack webhook URL', text: `post to https://${'hooks.slack.com'}/services/T0123ABCD/B0123ABCD/${body(24)}`, secret: `/services/T0123ABCD/B0123ABCD/${body(24)}`, rule: 'slack-webhook-url' },
  { name: 'a Google API key', text: `maps key ${'AIza' + body(35)}`, secret: 'AIza' + body(35), rule: 'google-api-key' },
  { name: 'a Stripe live secret key', text: `${'sk_live_' + body(24)}`, secret: 'sk_live_' + body(24), rule: 'stripe-secret-key' },
  { name: 'a Stripe restricted key', text: `stripe ${'rk_live_' + body(24)}`, secret: 'rk_live_' + body(24), rule: 'stripe-secret-key' },
  { name: 'a JWT', text: `Bearer ${'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjMifQ.' + body(43)}`, secret: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ', rule: 'jwt' },
  { name: 'a postgres URL with a password', text: 'db is postgres://etl:s3cr3tPw@db.internal:5432/wh', secret: 's3cr3tPw', rule: 'secretlint-database-connection-string' },
  { name: 'a mongodb+srv URL with a password', text: 'mongodb+srv://app:Hunter22x@cluster0.example.net/db', secret: 'Hunter22x', rule: 'secretlint-database-connection-string' },
  { name: 'a redis URL with only a password', text: 'cache redis://:r3disPass@localhost:6379', secret: 'r3disPass', rule: 'connection-string-password' },
  { name: 'an https URL with basic auth', text: 'https://bot:tok3n-value@git.example.com/repo.git', secret: 'tok3n-value', rule: 'secretlint-basicauth' },
  { name: 'password= with a digit', text: 'password=hunter22 for staging', secret: 'hunter22', rule: 'credential-assignment' },
  { name: 'passwd: with a symbol', text: 'passwd: Tr0ub4dor&3', secret: 'Tr0ub4dor&3', rule: 'credential-assignment' },
  { name: 'pwd= in an env line', text: 'pwd=qwerty!!', secret: 'qwerty!!', rule: 'credential-assignment' },
  { name: 'an env var ending in _PASSWORD', text: 'DB_PASSWORD=Sup3rS3cret', secret: 'Sup3rS3cret', rule: 'credential-assignment' },
  { name: 'an env var ending in _PASS', text: 'SMTP_PASS=m4ilPass', secret: 'm4ilPass', rule: 'credential-assignment' },
  { name: 'a quoted JSON password', text: '{"password": "letmein"}', secret: 'letmein', rule: 'credential-assignment' },
  { name: 'a single-quoted passphrase with spaces', text: "passphrase='correct horse battery'", secret: 'correct horse battery', rule: 'credential-assignment' },
  { name: 'secret: with a digit', text: 'secret: abc123xyz', secret: 'abc123xyz', rule: 'credential-assignment' },
  { name: 'client_secret in YAML', text: 'client_secret: 9f8e7d6c5b4a', secret: '9f8e7d6c5b4a', rule: 'credential-assignment' },
  { name: 'api_key=', text: 'api_key=abcd1234efgh', secret: 'abcd1234efgh', rule: 'credential-assignment' },
  { name: 'apikey: in any case', text: 'ApiKey: zz9plural', secret: 'zz9plural', rule: 'credential-assignment' },
  { name: 'api-key with a hyphen', text: 'x-api-key: k3y-value', secret: 'k3y-value', rule: 'credential-assignment' },
  { name: 'token=', text: 'token=t0k3nvalue', secret: 't0k3nvalue', rule: 'credential-assignment' },
  { name: 'access_token', text: "access_token='abcd'", secret: 'abcd', rule: 'credential-assignment' },
  { name: 'auth_token with a quoted key', text: '"auth_token":"a8f5f167f44f4964"', secret: 'a8f5f167f44f4964', rule: 'credential-assignment' },
];

const negatives: string[] = [
  'rotate API keys monthly',
  'store API keys in AWS Secrets Manager',
  'use sk- prefixed keys from env var OPENAI_API_KEY',
  'JWT tokens expire after 15 min',
  'password hashing uses bcrypt cost 12',
  'postgres://user@host/db without password',
  'Use ${DB_PASSWORD} from env',
  'password: use the vault',
  'secret: keep keys in vault',
  'token: see the runbook',
  'password: bcrypt-hashed',
  'secret: /etc/app/secret.env',
  'password=<your-password>',
  'password: ********',
  'api_key=$OPENAI_API_KEY',
  'password=${DB_PASSWORD}',
  'password: [REDACTED]',
  'password=changeme',
  'max_tokens=4096',
  'token_ttl=3600',
  'token=3600',
  'sk-learn-compatible-transformers are preferred',
  'AKIA prefixes mark long-term AWS keys',
  'ghp_ tokens are classic GitHub PATs',
  'xoxb-your-bot-token goes in the Slack config',
  'postgres://user:password@localhost/db',
  'mongodb+srv://user:<password>@cluster0.example.net',
  'postgres://etl:${PGPASSWORD}@db/wh',
  'redis://:$REDIS_PASS@cache:6379',
  'https://example.com:8443/path?a=b@c',
  'ssh://git@github.com:22/org/repo.git',
  '-----BEGIN PUBLIC KEY-----',
  '-----BEGIN PRIVATE KEY----- headers mark a PEM file',
  'key: -----BEGIN RSA PRIVATE KEY-----',
  '-----BEGIN CERTIFICATE-----',
  'partitioned by event_date; compacted nightly',
];

describe('findSecret', () => {
  it.each(positives)('flags $name as $rule', ({ text, rule }) => {
    expect(findSecret(text)?.rule).toBe(rule);
  });

  it.each(negatives)('allows talking about credentials: %s', (text) => {
    expect(findSecret(text)).toBeUndefined();
  });

  it.each(positives)('never echoes the secret back for $name', ({ text, secret }) => {
    const finding = findSecret(text);
    expect(finding).toBeDefined();
    expect(JSON.stringify(finding)).not.toContain(secret);
  });

  it('gives every finding a kebab-case rule id and a human description', () => {
    for (const { text } of positives) {
      const finding = findSecret(text);
      expect(finding?.rule).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
      expect(finding?.description.length).toBeGreaterThan(10);
    }
  });

  it('prefers a provider format over the generic assignment rule', () => {
    expect(findSecret(`OPENAI_API_KEY=${'sk-proj-' + body(40)}`)?.rule).toBe('openai-api-key');
  });

  it('finds a credential after a prose use of the same key', () => {
    expect(findSecret('secret: keep it safe; password: hunter22')?.rule).toBe('credential-assignment');
  });

  // A backtracking blow-up would hang far past the test timeout, so finishing is the assertion.
  const MiB = 1024 * 1024;
  const adversarial = ['a=', 'sk-', '://', 'a', 'eyJ-', 'eyJa.', 'password=', 'pwd="pwd=\'', 'a://a:', 'AKIA', '-----BEGIN A ', 'xoxb-', 'hooks.slack.com/services/', 'DB_',
    'basic ', 'bearer a1', 'mysql ', 'mysql -u ', ' -pa1', 'AccountKey=', 'sig=a', 'arn:aws:', 'env:', '${', '{{', 'password is ', 'pass ', 'a1B2', 'a1B2+/', '\u200b', 'sha256-', 'SG.a', 'glpat-', 'PRIVATE KEY-----'];
  it.each(adversarial)('returns promptly on 1 MiB of %j repeated', (unit) => {
    const text = unit.repeat(Math.ceil(MiB / unit.length));
    expect(['undefined', 'object']).toContain(typeof findSecret(text));
  });
});

describe('tokens added after review', () => {
  const npm = ['npm', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
  const hf = ['hf', '_', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'].join('');
  const bearer = ['Authorization: Bearer ', 'abcdef1234567890ABCDEF1234567890'].join('');

  it.each([
    ['npm-token', `publish with ${npm}`],
    ['huggingface-token', `download weights with ${hf}`],
    ['bearer-token', `call the API with ${bearer}`],
  ])('finds %s without returning it', (rule, text) => {
    const finding = findSecret(text);
    expect(finding?.rule).toBe(rule);
    expect(JSON.stringify(finding)).not.toContain(text.split(' ').at(-1));
  });

  it.each(['Send Authorization: Bearer <token> on every call', 'Use Bearer $API_TOKEN from the vault', 'hf_hub_download caches model files'])(
    'leaves "%s" alone',
    (text) => {
      expect(findSecret(text)).toBeUndefined();
    },
  );
});
