// `npm start` on a fresh clone must work without a separate build step:
// build once when the entry is missing or older than the sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sourceDirs = [join(root, 'src'), join(root, 'scripts', 'build')].filter(existsSync);
const inputs = [join(root, 'package.json'), join(root, 'scripts', 'build.mjs')].filter(existsSync).map((path) => statSync(path).mtimeMs);
const newestInput = Math.max(...sourceDirs.map(newestSource), ...inputs);
const stale = !existsSync(entry) || newestInput > statSync(entry).mtimeMs;
if (stale) {
  process.stderr.write('data-engineer-mcp: building dist/ (first start or sources changed)…\n');
  // The build talks on stderr: the server's own stdout carries only JSON-RPC (npm's banner for
  // `npm start` is npm's; clients run `node dist/cli.js` directly, see README).
  execSync('npm run build --silent', { cwd: root, stdio: ['ignore', 2, 2] });
}
