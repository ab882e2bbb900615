import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryError } from '../../src/domain/errors.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { validContent } from '../../src/domain/validate-memory.js';
import { tempDir } from '../support/server-process.js';

// A refusal is shown to the model and often to the user: it names the rule that matched but
// never carries the secret itself, whatever field the secret arrived in.
const awsKey = ['AKIA', 'Q3EXAMPLE7KEYID9'].join('');

let dir: string;
beforeEach(() => {
  dir = tempDir('dem-echo-');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(run: () => unknown): Promise<MemoryError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof MemoryError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('refusals that involve a secret', () => {
  it('name the secret rule for content that is also too long, rather than only the length', async () => {
    const error = await refusal(() => validContent(`Deploy with ${awsKey} ${'and then wait for the pipeline '.repeat(5)}`));
    expect(error.code).toBe('secret_detected');
    expect(error.message).toContain('aws-access-key-id');
    expect(error.message).not.toContain(awsKey);
  });

  it('do not echo an id that is a secret, but do echo an ordinary id', async () => {
    const service = new MemoryService(new MemoryStore(join(dir, 'p-12345678.json')));
    const secretId = await refusal(() => service.remove(awsKey));
    expect(secretId.code).toBe('not_found');
    expect(secretId.message).not.toContain(awsKey);
    const pathId = await refusal(() => service.update({ id: '../../etc/passwd', type: 'pattern' }));
    expect(pathId.message).not.toContain('passwd');
    const plain = await refusal(() => service.remove('abc123XYZ'));
    expect(plain.message).toContain('"abc123XYZ"');
  });
});
