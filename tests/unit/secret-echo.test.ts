import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { tempStoreTest as it } from '../support/temp-store.js';
import { MemoryError } from '../../src/domain/errors.js';
import { extractMemories } from '../../src/domain/extract-memories.js';
import { parseImport } from '../../src/domain/transfer/parse-import.js';
import { MemoryService } from '../../src/domain/memory-service.js';
import { MemoryStore } from '../../src/domain/store/memory-store.js';
import { validContent } from '../../src/domain/validate-memory.js';

// A refusal is shown to the model and often to the user: it names the rule that matched but
// never carries the secret itself, whatever field the secret arrived in.
const awsKey = ['AKIA', 'Q3EXAMPLE7KEYID9'].join('');

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

  it('do not echo an id that is a secret, but do echo an ordinary id', async ({ dir }) => {
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

describe('rejected items quote no secret', () => {
  const password = ['Tr0ub4dor', '&3x'].join('');

  it('withholds a JSON item refused for its type whose content hides an escaped quoted password', () => {
    const text = JSON.stringify([{ type: 'nonsense', content: `connect with password="${password}" please` }]);
    const { rejected } = parseImport(text, 'json');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.block).toMatch(/withheld/u);
    expect(JSON.stringify(rejected)).not.toContain(password);
  });

  it('withholds a secret given as the type, the agent or a key, also in the reason', () => {
    const text = JSON.stringify([{ type: `password="${password}"`, content: 'x' }, { type: 'pattern', content: 'fine content', agent: `pw=${password}` }, { [`password=${password}`]: 1 }]);
    const { rejected } = parseImport(text, 'json');
    expect(rejected).toHaveLength(3);
    expect(JSON.stringify(rejected)).not.toContain(password);
  });

  it('withholds an extract block whose password= and value sit on separate lines', async ({ dir }) => {
    const service = new MemoryService(new MemoryStore(join(dir, 'p-12345678.json')));
    const result = await extractMemories(service, `# Add To Memory:\nType: nonsense\nContent: db password=\n${password}\n#`);
    expect(result.rejected).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain(password);
  });

  it('does not quote the text near a JSON syntax error when it holds a secret', () => {
    expect(() => parseImport(`{"memories": [password=${password}]}`, 'json')).toThrow(/not valid JSON/u);
    try {
      parseImport(`{"memories": [password=${password}]}`, 'json');
    } catch (error) {
      expect((error as Error).message).not.toContain(password);
    }
  });

  it('clips a long value named in a reason', () => {
    const { rejected } = parseImport(JSON.stringify([{ type: 'x'.repeat(100_000), content: 'fine content' }]), 'json');
    expect(rejected[0]!.reason.length).toBeLessThan(200);
  });
});
