import matter from 'gray-matter';
import { MemoryError } from '../errors.js';
import { agentTitle } from '../titles.js';
import { type Agent, AgentFrontMatterSchema } from './agent-schema.js';

/** Agent files past this size are not agent definitions; refuse before parsing anything. */
export const MAX_AGENT_FILE_BYTES = 256 * 1024;

const refuseCode = (language: string) => () => {
  throw new Error(`---${language} front matter would run code; only YAML front matter is accepted`);
};

// gray-matter evaluates `---js` front matter with eval() and caches results by content; a fresh
// options object disables the cache, and both JS engine names are overridden to refuse.
const matterOptions = () => ({
  engines: { js: refuseCode('js'), javascript: refuseCode('javascript') },
});

export function parseAgent(file: string, source: string): Agent {
  if (Buffer.byteLength(source) > MAX_AGENT_FILE_BYTES) {
    throw new MemoryError('agent_invalid', `${file}: larger than ${MAX_AGENT_FILE_BYTES} bytes; skipped.`);
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source, matterOptions());
  } catch (error) {
    throw new MemoryError('agent_invalid', `${file}: front matter unreadable: ${(error as Error).message}`);
  }
  const result = AgentFrontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || '(front matter)';
    throw new MemoryError('agent_invalid', `${file}: field "${field}" ${issue?.message ?? 'is invalid'}`);
  }
  const frontMatter = result.data;
  return {
    name: frontMatter.name,
    title: agentTitle(frontMatter.name),
    description: frontMatter.description,
    frontMatter,
    body: parsed.content.trim(),
    source,
    file,
  };
}
