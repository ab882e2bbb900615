import { describe, expect, it } from 'vitest';
import { phraseOf, prefixOf } from '../../src/domain/recall/concept-lines.js';
import { CONCEPT_AREAS } from '../../src/domain/recall/concepts/index.js';
import { EQUIVALENTS } from '../../src/domain/recall/equivalents.js';
import { mentionTermsOf, termsOf } from '../../src/domain/recall/search-terms.js';
import { expandQuery } from '../../src/domain/recall/synonyms.js';

const expand = (query: string) => expandQuery(termsOf(query), query);
const searched = (query: string) => expand(query).expansions.map((expansion) => expansion.terms.join(' '));
/** What a memory must hold to match a phrase, as synonyms.ts searches it ('' when it is only spotted). */
const searchedAs = (phrase: string) => (mentionTermsOf(phrase).length > 1 && termsOf(phrase).length < 2 ? '' : termsOf(phrase).join(' '));

describe('the concept table', () => {
  const lines = CONCEPT_AREAS.flatMap((area) => [...area.synonyms, ...area.related, ...(area.kinds ?? [])].map((line) => ({ area: area.area, line })));

  it('holds lines of two or more distinct lower-case phrases, each with a word that is not a stop word', () => {
    for (const { area, line } of lines) {
      expect(line.length, `${area}: ${line.join(', ')}`).toBeGreaterThanOrEqual(2);
      expect(new Set(line).size, `${area}: a phrase twice in ${line.join(', ')}`).toBe(line.length);
      for (const phrase of line) {
        expect(phrase, `${area}: ${phrase}`).toMatch(/^[\x20-\x7e]+$/u);
        expect(phrase, `${area}: ${phrase}`).toBe(phrase.toLowerCase());
        // All stop words ("as it was"), a phrase is never spotted: a query names a line by its words.
        expect(termsOf(phrase).length, `${area}: "${phrase}" has no word but stop words`).toBeGreaterThan(0);
      }
    }
  });

  it('files every phrase under characters its first word keeps when stemmed', () => {
    // A query word is looked up by its stem's first characters (concept-lines.ts): a phrase filed
    // under others would never be spotted ("using" is stemmed "use").
    for (const phrase of [...EQUIVALENTS.flat(), ...lines.flatMap(({ line }) => line)]) {
      expect(prefixOf(phraseOf(phrase).mention[0]!), phrase).toBe(prefixOf(phrase));
    }
  });

  it('brings in, for a query of any phrase of a synonym line, the phrases of the line it does not hold', () => {
    // Also the proof that each phrase is spotted as a query reads it (the first word keys the look-up).
    for (const area of CONCEPT_AREAS) {
      for (const line of area.synonyms) {
        for (const phrase of line) {
          const own = new Set(termsOf(phrase));
          const expected = line.map(searchedAs).filter((terms) => terms !== '' && !terms.split(' ').every((term) => own.has(term)));
          const found = new Set(searched(phrase));
          for (const terms of expected) expect(found.has(terms), `"${phrase}" (${area.area}) should bring in "${terms}"`).toBe(true);
        }
      }
    }
  });

  it('counts query words of one synonym line as one matched word, and words of a related line as two', () => {
    const spend = expand('spend budget');
    expect(spend.groupOf('spend')).toBe(spend.groupOf('budget'));
    // ['kafka', 'topic', 'broker', …] is a related line: "kafka broker" asks for two things.
    const kafka = expand('kafka broker');
    expect(kafka.groupOf('kafka')).not.toBe(kafka.groupOf('broker'));
  });

  it('joins a phrase of several words by its last word only, so a memory holding the words counts each', () => {
    const running = expand('running total');
    expect(running.groupOf('run')).not.toBe(running.groupOf('total'));
  });

  it('brings in what goes with a subject when a synonym of it is named, and nothing from what goes with it', () => {
    expect(searched('ran out of memory')).toContain('memoryoverhead');
    expect(searched('memoryoverhead')).not.toContain('oom');
  });

  it('brings in the things of a kind for the kind, never a thing\'s siblings', () => {
    expect(searched('crm')).toEqual(expect.arrayContaining(['salesforc', 'hubspot']));
    expect(searched('salesforce')).not.toContain('hubspot');
    expect(searched('salesforce')).not.toContain('crm');
  });

  it('brings in each phrase once, in one group, however many query words name it', () => {
    // "spend" (a synonym line) and "snowflake" (a related line) both bring in "credits".
    const credits = expand('snowflake spend').expansions.filter((expansion) => expansion.terms.join(' ') === 'credit');
    expect(credits).toHaveLength(1);
  });
});
