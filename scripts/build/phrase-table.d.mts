/** See phrase-table.mjs. */
export function builtPhraseTable(): Promise<string>;
