import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { renderSubagent } from '../../src/claude-code/subagent.js';
import { parseAgent } from '../../src/domain/agents/parse-agent.js';

const seedFile = join(import.meta.dirname, '../../agents/data_engineer.md');
const seed = parseAgent(seedFile, readFileSync(seedFile, 'utf8'));
const noCode = { engines: { js: () => ({}), javascript: () => ({}) } };

describe('the Data Engineer as a Claude Code subagent', () => {
  const subagent = renderSubagent(seed);
  const { data, content } = matter(subagent.text, noCode);

  it('has a name Claude Code accepts, a description to delegate by, and no model (the user\'s default)', () => {
    expect(subagent.fileName).toBe('data-engineer.md');
    expect(data.name).toBe('data-engineer');
    expect(data.name).toMatch(/^[a-z][a-z0-9-]*$/u);
    expect(data.description).toMatch(/^Data engineering and AI API integrations\. Delegate data work to it/u);
    expect(data).not.toHaveProperty('model');
  });

  it('maps the claude-mpm tools to Claude Code names and adds the plugin\'s memory tools', () => {
    const tools = String(data.tools).split(', ');
    expect(tools).toContain('Glob'); // claude-mpm's LS
    expect(tools).not.toContain('LS');
    expect(new Set(tools).size).toBe(tools.length);
    expect(tools).toEqual(expect.arrayContaining(['Read', 'Write', 'Edit', 'Bash', 'mcp__plugin_data-engineer_data-engineer__read_memories', 'mcp__plugin_data-engineer_data-engineer__add_memory']));
  });

  it('keeps the agent body and says the plugin saves its blocks', () => {
    expect(content).toContain(seed.body);
    expect(content).toContain('saves every "# Add To Memory:" block of your final reply');
  });
});

describe('the plugin manifest', () => {
  it('carries the package version, so an update installs into a new cache folder', () => {
    const read = (path: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../..', path), 'utf8')) as { version: string };
    expect(read('plugin/.claude-plugin/plugin.json').version).toBe(read('package.json').version);
  });
});
