import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AnyObjectSchema, SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';

/** Records every notification of one kind, in arrival order, for the life of the client. */
export function record<S extends AnyObjectSchema>(client: Client, schema: S): Array<SchemaOutput<S>> {
  const seen: Array<SchemaOutput<S>> = [];
  client.setNotificationHandler(schema, (notification) => {
    seen.push(notification);
  });
  return seen;
}

/** The one text content of a resources/read answer, with its mime type. */
export async function readText(client: Client, uri: string): Promise<{ text: string; mimeType?: string }> {
  const { contents } = await client.readResource({ uri });
  const [content, ...rest] = contents;
  if (!content || rest.length > 0 || !('text' in content)) throw new Error(`${uri} did not read as one text content: ${JSON.stringify(contents)}`);
  if (content.uri !== uri) throw new Error(`${uri} answered for ${content.uri}`);
  return { text: content.text, mimeType: content.mimeType };
}
