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

const srcDir = join(root, 'src');
const stale = !existsSync(entry) || (existsSync(srcDir) && newestSource(srcDir) > statSync(entry).mtimeMs);
if (stale) {
  process.stderr.write('data-engineer-mcp: building dist/ (first start or sources changed)…\n');
  // stdout of `npm start` must stay clean for JSON-RPC, so the build talks on stderr.
  execSync('npm run build --silent', { cwd: root, stdio: ['ignore', 2, 2] });
}
