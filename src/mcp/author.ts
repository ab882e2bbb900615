import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';

/**
 * Who a tool call writes as: on the team server the bearer token's name (the verifier puts it in
 * clientId); over stdio there is no authInfo and memories carry no author.
 */
export function authorOf(extra: { authInfo?: AuthInfo }): { author?: string } {
  const name = extra.authInfo?.clientId;
  return name ? { author: name } : {};
}
