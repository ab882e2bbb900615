/**
 * The seed's protocol (claude-mpm) says to write "# Add To Memory:" blocks, which claude-mpm's own
 * pipeline captured. Over MCP nothing reads a reply unless a client hook does, so the prompt says
 * which of this server's tools save and search. Every tool named here is registered by
 * createServer (tests/contract/create-server.test.ts checks it).
 */
export function renderMemoryHowTo(agentName: string): string {
  return [
    '## How memory works here',
    '',
    `Your memory lives in this project's store, reached through the tools of the data-engineer-mcp server (agent "${agentName}"):`,
    `- Save a learning by calling \`add_memory\` with its \`type\`, its \`content\` (one line) and \`agent: "${agentName}"\`. ` +
      '"# Add To Memory:" blocks written in a reply are saved only when that reply is passed to `extract_memories` ' +
      '(or a client hook such as the Claude Code plugin captures it).',
    '- Search earlier learnings with `read_memories`: give a `query` of key terms plus their synonyms ' +
      '(e.g. "partition partitioning shard pruning"); the project memory below shows only part of what is stored.',
  ].join('\n');
}
