import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReliabilitySandbox } from '../support/reliability-sandbox.js';
import { waitFor } from '../support/wait-for.js';

// Agent files with executable front matter are refused without running,
// huge or malformed ones are skipped with a clear stderr line, and the others are still served.

let sandbox: ReliabilitySandbox;
let marker: string;

beforeEach(() => {
  sandbox = new ReliabilitySandbox();
  marker = join(sandbox.root, 'code-ran');
});

afterEach(async () => {
  await sandbox.dispose();
});

/** Front matter that, if gray-matter evaluated it, would leave a marker file and print to stderr. */
const codeFrontMatter = (language: string, name: string) =>
  `---${language}\n{ name: (process.stderr.write('CODE RAN\\n'), require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), '${name}') }\n---\n\n# Evil\n`;

const agent = (name: string, body = `# ${name}\n\nA valid extra agent.`) => `---\nname: ${name}\ndescription: The ${name} agent\n---\n\n${body}\n`;

function writeAgents(files: Record<string, string>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    paths[file] = join(sandbox.agentsDir, file);
    writeFileSync(paths[file], text);
  }
  return paths;
}

describe('agent files', () => {
  it('refuses code front matter without running it, skips huge and malformed files with a stderr line each, serves the rest', async () => {
    const paths = writeAgents({
      'evil_js.md': codeFrontMatter('js', 'evil_js'),
      'evil_javascript.md': codeFrontMatter('javascript', 'evil_javascript'),
      'evil_upper.md': codeFrontMatter('JS', 'evil_upper'),
      'huge.md': agent('huge', 'x'.repeat(300 * 1024)),
      'broken_yaml.md': '---\nname: [unclosed\ndescription: "no end\n---\nbody\n',
      'bad_name.md': '---\nname: "Bad Name!"\n---\nbody\n',
      'no_front_matter.md': 'Just some notes, no front matter.\n',
      'good_helper.md': agent('good_helper'),
    });

    const { client, stderr } = await sandbox.start();
    const { prompts } = await client.listPrompts();
    const names = prompts.map((prompt) => prompt.name).sort();

    expect(names).toEqual(['data_engineer', 'good_helper']);
    const helper = await client.getPrompt({ name: 'good_helper', arguments: {} });
    expect((helper.messages[0]!.content as { text: string }).text).toContain('A valid extra agent.');
    expect(existsSync(marker)).toBe(false);
    expect(stderr()).not.toContain('CODE RAN');

    const lines = stderr().split('\n');
    const lineFor = (file: string) => lines.find((line) => line.includes(paths[file]!)) ?? '';
    expect(lineFor('evil_js.md')).toMatch(/skipped.*---js front matter would run code/u);
    expect(lineFor('evil_javascript.md')).toMatch(/skipped.*---javascript front matter would run code/u);
    expect(lineFor('evil_upper.md')).toMatch(/skipped.*would run code/u);
    expect(lineFor('huge.md')).toMatch(/skipped.*larger than 262144 bytes/u);
    expect(lineFor('broken_yaml.md')).toMatch(/skipped.*front matter unreadable/u);
    expect(lineFor('bad_name.md')).toMatch(/skipped.*field "name"/u);
    expect(lineFor('no_front_matter.md')).toMatch(/skipped.*field "name"/u);
    expect(lineFor('good_helper.md')).toBe('');
  });

  it('refuses code front matter that appears while the server runs, and keeps serving', async () => {
    writeAgents({ 'good_helper.md': agent('good_helper') });
    const { client, stderr } = await sandbox.start();

    const paths = writeAgents({ 'late_evil.md': codeFrontMatter('js', 'late_evil') });
    // Only a wait for the reload to be reported; not a timing claim.
    await waitFor('the server to report the new agent file', () => stderr().includes(paths['late_evil.md']!), 15_000);

    expect(stderr()).toMatch(/late_evil\.md.*would run code/u);
    expect(existsSync(marker)).toBe(false);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['data_engineer', 'good_helper']);
  });
});
