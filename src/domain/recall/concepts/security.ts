import type { ConceptArea } from './concept-area.js';

export const SECURITY: ConceptArea = {
  area: 'Security, PII, secrets, privacy, permissions',
  synonyms: [
    ['pii', 'personal data', 'personal information', 'email', 'emails', 'phone', 'confidential', 'private information', 'customer emails', 'personally identifiable', 'sensitive data', 'sensitive', 'email addresses', 'phone numbers', 'ssn', 'social security', 'date of birth', 'home address', 'names and emails', 'phi', 'health data'],
    ['mask', 'masking', 'masked', 'unmasked', 'redact', 'redacted', 'redaction', 'obfuscate', 'anonymize', 'anonymise', 'anonymized', 'pseudonymize', 'pseudonymise', 'tokenize', 'tokenization', 'hash', 'hashed', 'hashing', 'masking policy', 'dynamic data masking'],
    ['gdpr', 'ccpa', 'erasure', 'right to be forgotten', 'forget', 'forget me', 'privacy request', 'deletion request', 'dsar', 'subject access request', 'delete their data', 'delete a customer', 'remove a user'],
    ['secret', 'secrets', 'credentials', 'credential', 'password', 'passwords', 'api key', 'api keys', 'service account key', 'private key', 'access key', 'secret key', 'connection string', 'token in the code', 'hardcoded', 'hard-coded', 'plaintext'],
    ['secrets manager', 'secret manager', 'vault', 'hashicorp vault', 'key vault', 'parameter store', 'ssm', 'kms', 'sealed secrets', 'secret store', 'secrets backend'],
    ['permission', 'permissions', 'privilege', 'privileges', 'grant', 'grants', 'granted', 'revoke', 'rbac', 'role', 'roles', 'role-based', 'least privilege', 'read-only access', 'who can see', 'who can read', 'allowed to see', 'access control', 'no access', 'cannot access', 'can\'t access', 'access denied', 'locked out', 'access request', 'give access', 'grant access'],
    ['row-level security', 'row level security', 'rls', 'row access policy', 'row access policies', 'only see their own', 'authorized view', 'authorized views', 'secure view', 'column-level security'],
    ['service account', 'service accounts', 'service user', 'technical user', 'machine user', 'iam role', 'iam', 'workload identity', 'assume role', 'instance profile'],
    ['encryption', 'encrypted', 'encrypt', 'at rest', 'in transit', 'tls', 'ssl', 'sslmode', 'certificate', 'certificates', 'cmk', 'customer-managed keys'],
    ['leak', 'leaked', 'exposed', 'exposure', 'breach', 'committed to git', 'in the repo', 'public bucket', 'publicly readable'],
    ['retention', 'expire', 'expiry', 'expiration', 'purge', 'delete old', 'lifecycle', 'lifecycle rule', 'lifecycle policy', 'ttl', 'older than', 'how long do we keep', 'how long we keep', 'kept for', 'keep for', 'old files', 'old data', 'archive', 'archived', 'archiving', 'glacier', 'cold storage', 'unused data'],
    ['clone', 'cloned', 'copy of production', 'copy of prod', 'dev copy', 'sandbox', 'zero-copy', 'zero-copy clone', 'dev environment', 'staging environment', 'test environment', 'non-production'],
    ['test mode', 'sandbox', 'test account', 'test keys', 'sandbox account', 'test api key'],
    ['compliance', 'soc 2', 'soc2', 'hipaa', 'pci', 'pci dss', 'iso 27001', 'regulation', 'regulatory', 'legal hold'],
    ['data residency', 'region', 'regions', 'eu region', 'stay in the eu', 'data sovereignty', 'multi-region'],
  ],
  related: [
    ['pii', 'mask', 'hash', 'gdpr', 'access', 'tags'],
    ['secret', 'rotate', 'rotation', 'secrets manager', 'environment variable'],
    ['role', 'grant', 'schema', 'future grants', 'ownership'],
    ['snowflake', 'masking policy', 'row access policy', 'tag-based masking'],
    ['bigquery', 'policy tags', 'authorized views', 'column-level security'],
  ],
};
