import type { ConceptArea } from './concept-area.js';

/** Verbs of everyday data work that memories and requests word differently. */
export const GENERAL: ConceptArea = {
  area: 'Everyday verbs',
  synonyms: [
    ['store', 'stored', 'storing', 'keep', 'kept', 'persist', 'persisted', 'save to', 'saved in', 'written as'],
    ['convert', 'converts', 'converted', 'converting', 'translate', 'translated', 'map to', 'mapped to'],
    ['combine', 'combined', 'merge together', 'union', 'union all', 'stitch', 'stitched', 'consolidate', 'consolidated'],
    ['split', 'splits', 'splitting', 'break up', 'shard', 'sharded', 'sharding', 'divide into'],
    ['skip', 'skips', 'skipped', 'ignore', 'ignored', 'ignores', 'leave out', 'exclude', 'excluded', 'filter out', 'filtered out'],
    ['wait', 'waits', 'waiting', 'wait until', 'block until', 'pause', 'paused', 'hold off'],
    ['notify', 'tell', 'let know', 'ping', 'heads up', 'announce'],
  ],
  related: [],
};
