import { describe, expect, it } from 'vitest';
import { builtPhraseTable } from '../../scripts/build/phrase-table.mjs';
import { phraseTable } from '../../src/domain/recall/fact-tokens.js';
import { factTokens } from '../../src/domain/recall/near-duplicate.js';

// The bundles carry the fact-phrase table made at build (BUILT_PHRASE_TABLE), where the source
// run here makes it at first use: both must be the one table, from the data as it is now.

describe('the fact-phrase table the build embeds', () => {
  it('is the table the source makes, every phrase of equivalents.ts under its first word', async () => {
    const built = JSON.parse(await builtPhraseTable()) as ReturnType<typeof phraseTable>;
    expect(built).toEqual(phraseTable());
    expect(built.find(([first]) => first === 'by')?.[1].map((phrase) => phrase.canonical)).toEqual([['daili'], ['hour'], ['week'], ['month']]);
    expect(factTokens('Run the export every day')).toEqual(factTokens('Run the export daily'));
  });
});
