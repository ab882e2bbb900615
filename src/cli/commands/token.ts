import type { Command } from 'commander';
import { TokenFileError, addToken, readTokenFile, revokeToken } from '../../http/token-file.js';
import { EXIT, action } from '../command.js';
import { tokensFilePath } from '../http-settings.js';

const FILE_FLAG = ['--tokens-file <file>', 'the tokens file (env DATA_ENGINEER_TOKENS_FILE; default in the per-user config folder)'] as const;

/** Access tokens of the team server (`serve --http`): add, list, revoke; the server rereads the file each second. */
export function tokenCommand(program: Command): void {
  const token = program.command('token').description('manage the access tokens of the team server (serve --http)');
  token
    .command('add')
    .description('make a new token for NAME and print it once (only its hash is stored); NAME is the author of what it writes')
    .argument('<name>', 'who the token is for, e.g. alice or ci-bot')
    .option(...FILE_FLAG)
    .action(
      action(async ({ command, out }) =>
        refusals(out.err, () => {
          const file = tokensFilePath(command.opts<{ tokensFile?: string }>().tokensFile, process.env);
          const secret = addToken(file, command.args[0]!);
          out.out(secret);
          out.err(`Token for ${command.args[0]} added to ${file}. It is shown only now: hand it over as "Authorization: Bearer <token>".`);
        }),
      ),
    );
  token
    .command('list')
    .description('list the token names and when each was made (never the tokens)')
    .option(...FILE_FLAG)
    .option('--json', 'print [{name, createdAt}] as JSON')
    .action(
      action(async ({ command, out }) =>
        refusals(out.err, () => {
          const flags = command.opts<{ tokensFile?: string; json?: boolean }>();
          const file = tokensFilePath(flags.tokensFile, process.env);
          const entries = readTokenFile(file).map(({ name, createdAt }) => ({ name, createdAt }));
          if (flags.json) return out.json(entries);
          if (entries.length === 0) return out.err(`No tokens in ${file}; add one with \`data-engineer-mcp token add NAME\`.`);
          for (const entry of entries) out.out(`${entry.name}  ${entry.createdAt}`);
        }),
      ),
    );
  token
    .command('revoke')
    .description('revoke the token of NAME: a running server refuses it within seconds and closes its sessions')
    .argument('<name>', 'the token name, as list shows it')
    .option(...FILE_FLAG)
    .action(
      action(async ({ command, out }) =>
        refusals(out.err, () => {
          const file = tokensFilePath(command.opts<{ tokensFile?: string }>().tokensFile, process.env);
          revokeToken(file, command.args[0]!);
          out.err(`Token of ${command.args[0]} revoked in ${file}.`);
        }),
      ),
    );
}

/** A tokens file problem (unknown name, duplicate, unreadable file) is a refusal: exit 1 with its message. */
async function refusals(err: (text: string) => void, work: () => void): Promise<number> {
  try {
    work();
    return EXIT.done;
  } catch (error) {
    if (!(error instanceof TokenFileError)) throw error;
    err(`data-engineer-mcp: ${error.message}`);
    return EXIT.refused;
  }
}
