/**
 * Ways to say where a secret lives rather than what it is. "api_key: env:OPENAI_API_KEY" or
 * "password=os.environ['PGPASSWORD']" is exactly what a memory should hold, so these spans are
 * replaced by a placeholder before the labelled and unlabelled rules look (provider formats
 * are checked on the text as written: a real key stays a key inside `${…}`).
 * Each pattern starts with a literal, so masking is linear in the text.
 */
const REFERENCES: readonly RegExp[] = [
  // An ARN first: it holds scheme-like parts (arn:aws:secretsmanager:…) the next pattern would split.
  /(?<![\w-])arn:aws[\w-]*:[\w-]+:[\w./:@*+=,-]*/giu,
  // Secret stores and env by scheme: env:X, vault:kv/…, op://Vault/Item, ssm:/prod/db, secretsmanager:…
  /(?<![\w-])(?:env|vault|ssm|op|secretsmanager|keyvault|akv|gsm|doppler|infisical|sops|file|k8s|kubernetes):\/{0,2}[\w./:@{}-]*/giu,
  // Google Secret Manager resource names.
  /(?<![\w-])projects\/[\w-]+\/secrets\/[\w./-]+/giu,
  // Reading the environment in code: os.environ['X'], os.getenv("X"), ENV["X"], System.getenv("X"), and Node's and Deno's own.
  /(?<![\w.])(?:os\.environ(?:\.get)?|os\.getenv|ENV(?:\.fetch)?|System\.getenv|Environment\.GetEnvironmentVariable|process\.env|Deno\.env\.get)\s*[[(]\s*["']?[\w.-]{1,100}["']?\s*[\])]/gu,
  /(?<![\w.])process\.env\.\w+/gu,
  // Templates and shell: ${X}, ${{ secrets.X }}, {{ x }}, $(cmd), $X, %X%.
  /\$\{\{?[^{}\n]{0,200}\}\}?/gu,
  /\{\{[^{}\n]{0,200}\}\}/gu,
  /\$\([^()\n]{0,200}\)/gu,
  /\$[A-Za-z_]\w*/gu,
  /%[A-Za-z_]\w*%/gu,
];

export const REFERENCE_MASK = '<reference>';

export function maskReferences(text: string): string {
  let masked = text;
  for (const reference of REFERENCES) masked = masked.replace(reference, REFERENCE_MASK);
  return masked;
}
