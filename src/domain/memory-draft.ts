import { DEFAULT_AGENT, type MemoryType } from './memory.js';
import { validAgent, validContent, validType } from './validate-memory.js';

/** What a caller asks to store, unchecked. */
export interface Candidate {
  type: string;
  content: string;
  agent?: string;
  createdAt?: string;
  /** Who is writing it (a team server's token name); kept on the memory it creates. */
  author?: string;
}

/** A candidate that passed validation, ready for MemoryService.addDrafts. */
export interface Draft {
  type: MemoryType;
  content: string;
  agent: string;
  createdAt?: string;
  author?: string;
}

/** Validates a candidate into a draft or throws the reason it cannot be stored. */
export function draftOf(input: Candidate): Draft {
  const draft: Draft = { type: validType(input.type), content: validContent(input.content), agent: input.agent === undefined ? DEFAULT_AGENT : validAgent(input.agent) };
  if (input.createdAt !== undefined) draft.createdAt = input.createdAt;
  if (input.author !== undefined) draft.author = input.author;
  return draft;
}
