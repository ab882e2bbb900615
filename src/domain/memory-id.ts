import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 6 KiB at a time: one OpenSSL call per id made ~20 % of a 10,000-block extract. */
const idBytes = Buffer.alloc(6 * 1024);
let idBytesUsed = idBytes.length;

export function newMemoryId(): string {
  if (idBytesUsed + 6 > idBytes.length) {
    randomFillSync(idBytes);
    idBytesUsed = 0;
  }
  idBytesUsed += 6;
  return idBytes.toString('base64url', idBytesUsed - 6, idBytesUsed);
}

