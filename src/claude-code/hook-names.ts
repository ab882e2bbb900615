/** The Claude Code hook commands of the bin; a module of its own so the launcher can tell them without loading them. */
export const HOOKS = ['capture', 'context', 'recall'] as const;
export type HookName = (typeof HOOKS)[number];

export const isHookName = (word: string | undefined): word is HookName => (HOOKS as readonly string[]).includes(word ?? '');
