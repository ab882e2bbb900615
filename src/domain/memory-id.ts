import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 6 KiB at a time: one OpenSSL call per id made ~20 % of a 10,000-block extract. */
const idBytes = Buffer.alloc(6 * 1024);
let idBytesUsed = idBytes.length;

function nextBase64urlId(): string {
  if (idBytesUsed + 6 > idBytes.length) {
    randomFillSync(idBytes);
    idBytesUsed = 0;
  }
  idBytesUsed += 6;
  return idBytes.toString('base64url', idBytesUsed - 6, idBytesUsed);
}

/**
 * Eight base64url characters, never starting with "-": people type ids as command arguments
 * (`data-engineer-mcp delete <id>`), where a leading "-" reads as an option, and 1 id in 64 had one.
 */
export function newMemoryId(): string {
  for (;;) {
    const id = nextBase64urlId();
    if (id[0] !== '-') return id;
  }
}
