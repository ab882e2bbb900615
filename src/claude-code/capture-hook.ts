import { isMemoryError } from '../domain/errors.js';
import { type BulkItem, type BulkResult, EXTRACT_MAX_CHARS, blockItems, storeCandidates } from '../domain/extract-memories.js';
import { DEFAULT_AGENT } from '../domain/memory.js';
import { findSecret } from '../domain/secrets.js';
import type { MemoryService } from '../domain/memory-service.js';
import type { HookInput, HookOutput } from './hook-input.js';
import type { PendingReplies, PendingReply } from './pending-replies.js';
import { agentOfSubagent } from './plugin-names.js';
import { lastAssistantText } from './transcript.js';
import { oneLine } from './hook-message.js';

export interface CaptureDeps {
  service: MemoryService;
  pending: PendingReplies;
  /** Names of the agents this server serves: a SubagentStop of any other subagent is not ours. */
  ourAgents: readonly string[];
}

/**
 * Stop / SubagentStop: stores every memory block of the reply that just ended. The store's own
 * duplicate check makes a reply captured twice store once. Blocks that cannot be stored now (a
 * lock held past the hooks' few tries, a damaged store) are kept beside the store and stored first by
 * the next capture, so no learning is lost to a busy moment.
 */
export async function capture(input: HookInput, deps: CaptureDeps): Promise<HookOutput> {
  const reply = await replyOf(input, deps.ourAgents);
  const fresh = reply ? blockItems(reply.text.slice(-EXTRACT_MAX_CHARS), reply.agent) : [];
  const taken = await deps.pending.take();
  const items: BulkItem[] = [...taken.replies.flatMap((kept) => blockItems(kept.text, kept.agent)), ...fresh];
  if (items.length === 0) {
    await taken.release();
    return {};
  }

  let stored: BulkResult;
  try {
    // The saved line names no related memory, and looking them up would index every active
    // memory's words (~10 ms at 10,000 memories, npm run bench "hook capture (Stop)").
    stored = await storeCandidates(deps.service, items, { archivedMatch: 'restore', relatedLimit: 0 });
  } catch (error) {
    const keep: PendingReply[] = [...taken.replies];
    // Only blocks that could be stored, and never one holding a secret: the spool is a file too.
    const storable = fresh.filter((item) => 'candidate' in item && findSecret(item.block) === undefined);
    if (reply && storable.length > 0) keep.push({ agent: reply.agent, text: storable.map((item) => item.block).join('\n') });
    try {
      await deps.pending.keep(keep);
    } catch (keepError) {
      // The spool is a file beside the store, so what failed the store (a full disk, a read-only
      // folder) often fails it too. What was taken stays where it was, for the next capture.
      if (!isMemoryError(error)) throw error;
      const reason = (keepError as NodeJS.ErrnoException).code ?? (keepError as Error).message;
      return { systemMessage: oneLine(`data-engineer memory: ${items.length} memory block(s) not saved, and not kept for the next capture either (${deps.pending.path}: ${reason}): ${error.message}`) };
    }
    await taken.release();
    if (!isMemoryError(error)) throw error;
    // The outcome first: the reason (a path, the damage found) may be cut to fit the line.
    return { systemMessage: oneLine(`data-engineer memory: ${items.length} memory block(s) not saved yet, kept for the next capture (${deps.pending.path}): ${error.message}`) };
  }
  await taken.release();
  const message = savedMessage(stored);
  return message ? { systemMessage: message } : {};
}

async function replyOf(input: HookInput, ourAgents: readonly string[]): Promise<{ agent: string; text: string } | undefined> {
  const subagent = input.hook_event_name === 'SubagentStop' || input.agent_type !== undefined;
  const agent = subagent ? agentOfSubagent(input.agent_type ?? '', ourAgents) : DEFAULT_AGENT;
  if (agent === undefined) return undefined;
  const transcript = subagent ? input.agent_transcript_path : input.transcript_path;
  const text = input.last_assistant_message ?? (transcript ? await lastAssistantText(transcript) : undefined);
  return text ? { agent, text } : undefined;
}

/** "Saved 2 memories (performance, mistake)", then each refused block with its reason; nothing for a replay. */
function savedMessage(result: BulkResult): string | undefined {
  const parts: string[] = [];
  if (result.added.length > 0) {
    const types = [...new Set(result.added.map((memory) => memory.type))].join(', ');
    parts.push(`Saved ${result.added.length} ${result.added.length === 1 ? 'memory' : 'memories'} (${types})`);
  }
  if (result.restored.length > 0) parts.push(`brought ${result.restored.length} back from the archive`);
  for (const rejected of result.rejected.slice(0, 3)) parts.push(`refused ${quoteBlock(rejected.block)}: ${rejected.reason}`);
  if (result.rejected.length > 3) parts.push(`and ${result.rejected.length - 3} more refused`);
  return parts.length > 0 ? oneLine(`data-engineer memory: ${parts.join('; ')}`) : undefined;
}

/** The block's Content: line (or its header), short: the message is one line. */
function quoteBlock(block: string): string {
  const content = /content\s*:\s*(.*)/iu.exec(block)?.[1] ?? block;
  const short = content.trim().replace(/\s+/gu, ' ');
  return JSON.stringify(short.length > 60 ? `${short.slice(0, 60)}…` : short);
}
