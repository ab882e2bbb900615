// Draws the server's icon (a database cylinder with a memory spark on a rounded tile) into
// src/mcp/icon.png and the same bytes as a data: URI into src/mcp/server-icon.ts, which the
// server sends in its initialize result (MCP 2025-11-25 icons) and the .mcpb carries as its icon.
// A script rather than a drawing so the image can be redrawn, reviewed and kept tiny; run it by
// hand (`node scripts/mcpb/draw-icon.mjs`) and commit both files.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** Claude Desktop's recommended icon size (mcpb pack warns below it); ~8 KB as drawn. */
const SIZE = 512;
const SAMPLES = 4; // per axis: 16 samples a pixel smooth the edges

const TILE = [0x1f, 0x4e, 0x79];
const DISC = [0xf4, 0xf7, 0xfb];
const TOP_FACE = [0x9f, 0xc3, 0xe6];
const SPARK = [0xf5, 0xa6, 0x23];

/** What colour a point of the 0..1 square shows, or undefined outside the tile. */
function paint(x, y) {
  if (!inRoundedSquare(x, y, 0.03, 0.2)) return undefined;
  const spark = Math.abs(x - 0.8) + Math.abs(y - 0.21) < 0.1;
  if (spark) return SPARK;
  // A cylinder seen from slightly above: a light top face, a white body and two gaps that
  // follow the curve of its lower edge, so it reads as three stacked discs.
  const cx = 0.44;
  const rx = 0.26;
  const ry = 0.08;
  const top = 0.3;
  const bottom = 0.72;
  const u = (x - cx) / rx;
  if (Math.abs(u) > 1) return TILE;
  const curve = ry * Math.sqrt(1 - u * u);
  if (y >= top - curve && y <= top + curve) return TOP_FACE;
  if (y < top || y > bottom + curve) return TILE;
  for (const gap of [0.44, 0.58]) if (Math.abs(y - (gap + curve)) < 0.014) return TILE;
  return DISC;
}

function inRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin && Math.hypot(dx, dy) <= radius;
}

function pixels() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py += 1) {
    const row = py * (1 + SIZE * 4);
    rows[row] = 0; // filter: none
    for (let px = 0; px < SIZE; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = paint((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          if (!colour) continue;
          for (let c = 0; c < 3; c += 1) sum[c] += colour[c];
          sum[3] += 1;
        }
      }
      const at = row + 1 + px * 4;
      for (let c = 0; c < 3; c += 1) rows[at + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      rows[at + 3] = Math.round((255 * sum[3]) / SAMPLES ** 2);
    }
  }
  return rows;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function drawIcon() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels(), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const png = drawIcon();
writeFileSync('src/mcp/icon.png', png);
writeFileSync(
  'src/mcp/server-icon.ts',
  `// Written by scripts/mcpb/draw-icon.mjs from the same bytes as src/mcp/icon.png; do not edit.\n` +
    `import type { Icon } from '@modelcontextprotocol/sdk/types.js';\n\n` +
    `/** A data: URI, since a stdio server has no URL a client could fetch an image from. */\n` +
    `export const SERVER_ICONS: Icon[] = [\n` +
    `  {\n    src: 'data:image/png;base64,${png.toString('base64')}',\n    mimeType: 'image/png',\n    sizes: ['${SIZE}x${SIZE}'],\n  },\n];\n`,
);
process.stderr.write(`icon: ${png.length} bytes, ${SIZE}x${SIZE}\n`);
