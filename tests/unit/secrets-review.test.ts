import { describe, expect, it } from 'vitest';
import { findSecret } from '../../src/domain/secrets.js';

// The 24 fake credentials of a review (each must be refused) and the harmless references it
// found refused (each must be allowed). Fakes are assembled at runtime so this file does not
// itself trip the secret scanners (GitHub push protection, gitleaks) that guard the repository.
const join = (...parts: string[]): string => parts.join('');
const ZWSP = '\u200b';
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const hex32 = '9f86d081884c7d659a2feaa0c55ad015';
const random40 = join('wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYzq8Vb3KpL0x');
const random88 = join('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 'FqTfS4Qo5jfzbUbcDeB9ZqvXWRkt4g8Pz4xLvRTz==');

const basic = b64(join('etl', ':', 'W1nter-2024!'));
const bearer = join('abcdef1234567890', 'ABCDEF1234567890');
const sas = join('k3QzbWxOa9%2BqL7vT2', 'mR8xYp4Zc1%2FdE6fG0hJ%3D');
const glpat = join('glpat', '-', 'xY3kP9mQ2vL7nR4tB8wZ');
const sendgrid = join('SG', '.', 'ngeVfQFYQlKU0ufo8x5d1A', '.', 'TwL2iGABf9DHoTf09kqeF8tAmbihYzrnopKc1s5crQw');
const ya29 = join('ya29', '.', 'a0AfH6SMBx3kP9mQ2vL7nR4tB8wZcD1eF');
const antKey = join('sk-ant-api03-', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4');
const akia = join('AKIA', 'IOSFODNN7EXAMPL3');
const ghp = join('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const proj = join('sk-proj-', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6');
const pemBody = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
const jwt = join('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiIxMjMifQ.', 'a1B2c3D4e5F6g7H8i9J0k1L2m3');

const fakes: Array<{ name: string; text: string; secret: string }> = [
  { name: 'Authorization: Basic …', text: `call it with Authorization: Basic ${basic}`, secret: basic },
  { name: 'lower-case bearer …', text: `curl -H "authorization: bearer ${bearer}"`, secret: bearer },
  { name: 'Azure AccountKey=', text: `DefaultEndpointsProtocol=https;AccountName=acme;${join('Account', 'Key=')}${random88};EndpointSuffix=core.windows.net`, secret: random88 },
  { name: 'Azure SAS sig=', text: `https://acme.blob.core.windows.net/raw?sv=2022-11-02&ss=b&${join('sig', '=')}${sas}`, secret: sas },
  { name: 'Databricks dapi…', text: `workspace token ${join('dapi', hex32)}`, secret: hex32 },
  { name: 'GitLab glpat-…', text: `CI uses ${glpat}`, secret: glpat },
  { name: 'SendGrid SG.…', text: `mail via ${sendgrid}`, secret: sendgrid },
  { name: 'Twilio SK…', text: `twilio key ${join('SK', hex32)}`, secret: hex32 },
  { name: 'Google ya29.…', text: `oauth ${ya29}`, secret: ya29 },
  { name: 'a bare 40-character AWS secret key', text: `aws secret ${random40} for the loader`, secret: random40 },
  { name: '"password is X"', text: 'the staging password is Tr0ub4dor&3', secret: 'Tr0ub4dor&3' },
  { name: 'db pass: X', text: 'db pass: Kx9!mQ2z', secret: 'Kx9!mQ2z' },
  { name: 'pass=X', text: 'pass=Winter2024', secret: 'Winter2024' },
  { name: 'PW: X', text: 'PW: Zq7#vLp2 for the admin console', secret: 'Zq7#vLp2' },
  { name: 'mysql -pX', text: 'mysql -u root -pS3cr3tPw warehouse', secret: 'S3cr3tPw' },
  { name: 'a zero-width space inside sk-ant-…', text: `key ${join('sk-ant-', ZWSP, antKey.slice(7))}`, secret: antKey.slice(7) },
  { name: 'a zero-width space inside AKIA…', text: `id ${join('AKIA', ZWSP, akia.slice(4))}`, secret: akia.slice(4) },
  { name: 'an Anthropic key', text: `use ${antKey}`, secret: antKey },
  { name: 'an AWS access key id', text: `aws id ${akia}`, secret: akia },
  { name: 'a GitHub token', text: `clone with ${ghp}`, secret: ghp },
  { name: 'an OpenAI project key', text: `OPENAI ${proj}`, secret: proj },
  { name: 'a private key with its body', text: join('-----BEGIN ', 'PRIVATE KEY----- ', pemBody), secret: pemBody },
  { name: 'a postgres URL with a password', text: 'db is postgres://etl:s3cr3tPw@db.internal:5432/wh', secret: 's3cr3tPw' },
  { name: 'a JWT', text: jwt, secret: jwt },
];

const harmless = [
  'api_key: env:OPENAI_API_KEY',
  "password=os.environ['PGPASSWORD']",
  'secret: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/warehouse-AbC123',
  'password: vault:kv/data/prod/warehouse',
  'token: OAuth2 client credentials, refreshed hourly',
  'PEM files start with -----BEGIN PRIVATE KEY----- and stay out of git',
  'password=os.getenv("PGPASSWORD")',
  'token=process.env.GITHUB_TOKEN',
  'api_key: ${{ secrets.OPENAI_API_KEY }}',
  'api_key: op://Engineering/OpenAI/credential',
  'password: ssm:/prod/warehouse/password',
  'secret: projects/acme/secrets/warehouse-password/versions/latest',
  'api_key: OPENAI_API_KEY',
  'the password is stored in 1Password',
  'the token is refreshed every 55 minutes',
  'secret: HS256 signing',
  'run mysql -p and type the password when asked',
  'docker run -p3306:3306 mysql:8',
  'fixed in commit 3f9a1c2b4d5e6f708192a3b4c5d6e7f809112233',
  'run id 550e8400-e29b-41d4-a716-446655440000 failed',
  'AbstractSingletonProxyFactoryBean2 wraps the pool',
  'HikariCP-ConnectionPool-MaxLifetime30000 is too long',
  'PostgreSQL15ReplicaOnPort5432 is the DNS alias',
  'UseCompositeIndexesForMultiColumnQueries2 is the ADR name',
  'files land in s3://Acme-Data-Lake/Raw/Orders2024/Part01',
  'basic auth is off in staging',
  'the integrity is sha512-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
  'bypass: 3rd-party checks run nightly',
];

describe('the review\'s 24 fake credentials', () => {
  it('are 24', () => expect(fakes).toHaveLength(24));

  it.each(fakes)('refuses $name without quoting it', ({ text, secret }) => {
    const finding = findSecret(text);
    expect(finding, text).toBeDefined();
    expect(JSON.stringify(finding)).not.toContain(secret);
  });
});

describe('harmless references and look-alikes', () => {
  it.each(harmless)('allows %s', (text) => {
    expect(findSecret(text)).toBeUndefined();
  });
});
