// The start-up yardstick (issue #17): the least a stdio MCP server can be. It answers
// `initialize` and nothing else, with node's own readline, no SDK.
import { createInterface } from 'node:readline';

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  if (message.method !== 'initialize') return;
  const result = { protocolVersion: message.params.protocolVersion, capabilities: {}, serverInfo: { name: 'trivial', version: '0' } };
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result })}\n`);
});
