import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import matter from 'gray-matter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAgents } from '../../src/domain/agents/load-agents.js';
import { parseAgent } from '../../src/domain/agents/parse-agent.js';
import { MemoryError } from '../../src/domain/errors.js';
import { tempDir } from '../support/server-process.js';

const SEED = resolve(import.meta.dirname, '../../agents/data_engineer.md');
const MIXED = resolve(import.meta.dirname, '../fixtures/agents-mixed');

/** The error parseAgent throws for `source`, so a test can read its code and message. */
function parseError(file: string, source: string): MemoryError {
  try {
    parseAgent(file, source);
  } catch (error) {
    if (error instanceof MemoryError) return error;
    throw error;
  }
  throw new Error(`${file} parsed, but it should have been refused`);
}

/** Front matter that, if evaluated by gray-matter's JS engine, writes `marker` and claims a valid name. */
const codeFrontMatter = (language: string, marker: string): string =>
  `---${language}\n{ name: (require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 'evil_${language}') }\n---\n\n# Evil agent\n`;

describe('parseAgent', () => {
  it('reads the bundled seed as data_engineer and keeps its unknown front-matter keys', () => {
    const agent = parseAgent(SEED, readFileSync(SEED, 'utf8'));

    expect(agent.name).toBe('data_engineer');
    expect(agent.title).toBe('Data Engineer');
    expect(agent.description).toBe('Data engineering and AI API integrations');
    expect(agent.frontMatter.version).toBe('1.3.0');
    expect(agent.frontMatter.tags).toEqual(['data', 'ai-apis', 'database', 'pipelines']);
    expect(agent.frontMatter.author).toBe('claude-mpm@anthropic.com');
    expect(agent.frontMatter.created).toBe('2025-08-08T08:39:31.799630Z');
    expect(agent.frontMatter.metadata).toMatchObject({ deployment_type: 'system' });
    expect(agent.body.startsWith('# Data Engineer Agent')).toBe(true);
    expect(agent.body).not.toContain('claude-3-opus-20240229');
  });

  it('turns a numeric version into a string', () => {
    const agent = parseAgent('v.md', '---\nname: versioned\nversion: 2\n---\nbody');
    expect(agent.frontMatter.version).toBe('2');
  });

  it.each([
    ['capitals and spaces', 'name: "Data Engineer"'],
    ['a slash', 'name: "../escape"'],
    ['an empty name', 'name: ""'],
    ['a number', 'name: 42'],
  ])('refuses a name with %s and names the field', (_case, line) => {
    const error = parseError('/agents/bad.md', `---\n${line}\n---\nbody`);
    expect(error.code).toBe('agent_invalid');
    expect(error.message).toContain('/agents/bad.md');
    expect(error.message).toContain('field "name"');
  });

  it('refuses a file with no name and says the name field is missing', () => {
    const error = parseError('nameless.md', '---\ndescription: no name here\n---\nbody');
    expect(error.message).toContain('field "name"');
  });

  it('refuses tags that are not a list and names the tags field', () => {
    const error = parseError('tags.md', '---\nname: tagged\ntags: 5\n---\nbody');
    expect(error.message).toContain('field "tags"');
  });

  it('refuses a file with no front matter at all', () => {
    expect(parseError('plain.md', '# Just markdown\n').code).toBe('agent_invalid');
  });
});

describe('code in front matter', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('dem-agents-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses front matter that really runs code under gray-matter defaults (so the next tests mean something)', () => {
    const marker = join(dir, 'control-marker');
    const parsed = matter(codeFrontMatter('js', marker), {});
    expect(parsed.data).toEqual({ name: 'evil_js' });
    expect(existsSync(marker)).toBe(true);
  });

  it.each(['js', 'javascript'])('never executes ---%s front matter and reports it', (language) => {
    const marker = join(dir, `marker-${language}`);
    const error = parseError(join(dir, 'evil.md'), codeFrontMatter(language, marker));

    expect(existsSync(marker)).toBe(false);
    expect(error.code).toBe('agent_invalid');
    expect(error.message).toContain(join(dir, 'evil.md'));
    expect(error.message).toContain(`---${language}`);
  });

  it('skips a ---js agent file in a folder without running it, and still loads the good one', () => {
    const marker = join(dir, 'marker-folder');
    writeFileSync(join(dir, 'evil.md'), codeFrontMatter('js', marker));
    writeFileSync(join(dir, 'good.md'), '---\nname: good_agent\n---\n# Good\n');

    const { agents, problems } = loadAgents([dir]);

    expect(existsSync(marker)).toBe(false);
    expect([...agents.keys()]).toEqual(['good_agent']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(join(dir, 'evil.md'));
  });
});

describe('loadAgents', () => {
  it('loads the good files of a folder and lists each bad one with its file and field', () => {
    const { agents, problems } = loadAgents([MIXED]);

    expect([...agents.keys()].sort()).toEqual(['pipeline_doctor', 'sql_reviewer']);
    expect(agents.get('sql_reviewer')!.frontMatter.owner).toBe('data-platform');
    expect(problems.map((problem) => problem.file).sort()).toEqual([join(MIXED, 'b_bad_name.md'), join(MIXED, 'd_bad_tags.md')]);
    const byFile = new Map(problems.map((problem) => [problem.file, problem.message]));
    expect(byFile.get(join(MIXED, 'b_bad_name.md'))).toContain('field "name"');
    expect(byFile.get(join(MIXED, 'd_bad_tags.md'))).toContain('field "tags"');
  });

  it('reports a missing agents folder and still loads the other folders', () => {
    const missing = join(MIXED, 'no-such-folder');
    const { agents, problems } = loadAgents([missing, resolve(SEED, '..')]);

    expect(agents.has('data_engineer')).toBe(true);
    expect(problems).toEqual([expect.objectContaining({ file: missing })]);
  });

  it('lets a later folder override an earlier agent of the same name', () => {
    const dir = tempDir('dem-override-');
    try {
      writeFileSync(join(dir, 'mine.md'), '---\nname: data_engineer\ndescription: my own\n---\n# Mine\n');
      const { agents } = loadAgents([resolve(SEED, '..'), dir]);
      expect(agents.get('data_engineer')!.description).toBe('my own');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
