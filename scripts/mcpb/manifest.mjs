// The .mcpb manifest, made from package.json and from what the built server answers to
// tools/list and prompts/list, so the bundle never lists a tool the server does not serve.

/**
 * 0.3 is the spec's current version (MANIFEST.md, and the package's mcpb-manifest-latest.schema.json);
 * 0.4 only adds the experimental `uv` server type.
 */
export const MANIFEST_VERSION = '0.3';
/** Where the bundle's files sit inside the .mcpb, the same layout as the npm package. */
export const ENTRY_POINT = 'dist/cli.js';
export const ICON = 'icon.png';
/** src/domain/prompt-memory.ts PROMPT_MEMORY_CHARS_DEFAULT; a test keeps the two equal. */
export const PROMPT_MEMORY_CHARS_DEFAULT = 4_000;

/**
 * Desktop asks for these in this order. An optional setting left empty reaches the server as the
 * unreplaced `${user_config.…}` placeholder, which src/config.ts reads as unset.
 */
export const USER_CONFIG = {
  project_dir: {
    type: 'directory',
    title: 'Project folder',
    description:
      'Memories are kept per project, so pick the folder of the project these chats are about (another project can still be named per call).',
    required: true,
  },
  memory_dir: {
    type: 'directory',
    title: 'Memory folder',
    description:
      'Where the memory files are kept, one JSON file per project; leave empty for your per-user data folder (macOS: ~/Library/Application Support/data-engineer-mcp/memory, Windows: %LOCALAPPDATA%\\data-engineer-mcp\\Data\\memory).',
    required: false,
  },
  prompt_memory_chars: {
    type: 'number',
    title: 'Prompt memory budget (characters)',
    description: `How many characters of project memory the data_engineer prompt includes; leave empty for ${PROMPT_MEMORY_CHARS_DEFAULT.toLocaleString('en-US')}.`,
    required: false,
    min: 1,
  },
};

/** Each setting reaches the server as the environment variable it already reads (README "Environment"). */
const ENV = {
  DATA_ENGINEER_PROJECT: '${user_config.project_dir}',
  DATA_ENGINEER_MEMORY_DIR: '${user_config.memory_dir}',
  DATA_ENGINEER_PROMPT_MEMORY_CHARS: '${user_config.prompt_memory_chars}',
};

/**
 * @param pkg package.json
 * @param served `{ tools, prompts }` as the server lists them
 */
export function manifestFor(pkg, served) {
  return {
    manifest_version: MANIFEST_VERSION,
    name: pkg.name,
    display_name: pkg.displayName,
    version: pkg.version,
    description: pkg.description,
    author: { name: typeof pkg.author === 'string' ? pkg.author : pkg.author.name },
    ...(pkg.repository ? { repository: repositoryOf(pkg.repository) } : {}),
    ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
    license: pkg.license,
    icon: ICON,
    server: {
      type: 'node',
      entry_point: ENTRY_POINT,
      mcp_config: { command: 'node', args: [`\${__dirname}/${ENTRY_POINT}`], env: ENV },
    },
    tools: served.tools.map((tool) => ({ name: tool.name, description: tool.description })),
    prompts: served.prompts.map(promptEntry),
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: pkg.engines.node } },
    user_config: USER_CONFIG,
  };
}

/**
 * The manifest wants a prompt's text as a template; the server builds the real message (agent
 * body, this project's memory, then the task), so the text says that and places the arguments.
 */
function promptEntry(prompt) {
  const argumentNames = (prompt.arguments ?? []).map((argument) => argument.name);
  const task = argumentNames.includes('task') ? ' Task: ${arguments.task}' : '';
  return {
    name: prompt.name,
    description: prompt.description,
    arguments: argumentNames,
    text: `Work as the ${prompt.title ?? prompt.name} agent, with its definition and this project's memory as the server serves them.${task}`,
  };
}

function repositoryOf(repository) {
  if (typeof repository !== 'string') return { type: repository.type ?? 'git', url: repository.url };
  return { type: 'git', url: repository };
}
