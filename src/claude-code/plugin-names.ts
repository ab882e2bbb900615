/**
 * Names Claude Code gives the parts of this plugin. A plugin's MCP server is reached as
 * `plugin:<plugin>:<server>`, so its tools are `mcp__plugin_<plugin>_<server>__<tool>`, and a
 * plugin subagent's type is `<plugin>:<agent>` (checked against Claude Code 2.1.197 by
 * tests/e2e/claude-code-plugin.test.ts).
 */
export const PLUGIN_NAME = 'data-engineer';
export const MARKETPLACE_NAME = 'data-engineer-mcp';
export const PLUGIN_SERVER_NAME = 'data-engineer';

export const pluginToolName = (tool: string): string => `mcp__plugin_${PLUGIN_NAME}_${PLUGIN_SERVER_NAME}__${tool}`;

/** Claude Code subagent names are lower-case letters and hyphens; our agent names use "_". */
export const subagentName = (agentName: string): string => agentName.replace(/_/gu, '-');

/**
 * Our agent behind a SubagentStop's `agent_type` ("data-engineer:data-engineer" for the plugin's
 * subagent, "data-engineer" if a user copied it into .claude/agents), or undefined for any other.
 */
export function agentOfSubagent(agentType: string, ourAgents: Iterable<string>): string | undefined {
  const bare = agentType.startsWith(`${PLUGIN_NAME}:`) ? agentType.slice(PLUGIN_NAME.length + 1) : agentType;
  for (const agent of ourAgents) if (subagentName(agent) === bare || agent === bare) return agent;
  return undefined;
}
