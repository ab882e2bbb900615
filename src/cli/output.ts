/**
 * What a command prints. Results go to stdout (so they can be piped or parsed with --json);
 * messages, warnings and progress go to stderr. Colour only on a TTY and never with NO_COLOR
 * (https://no-color.org).
 */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** The exact records as JSON (one value, pretty-printed), for scripts. */
  json(value: unknown): void;
  /** Whether stderr is a terminal a person watches (progress is only worth drawing there). */
  readonly errIsTTY: boolean;
  readonly style: Style;
}

export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
}

const plain: Style = { dim: (t) => t, bold: (t) => t, red: (t) => t, green: (t) => t };
const sgr = (code: number, reset: number) => (text: string) => `\u001b[${code}m${text}\u001b[${reset}m`;
const coloured: Style = { dim: sgr(2, 22), bold: sgr(1, 22), red: sgr(31, 39), green: sgr(32, 39) };

export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function processOutput(env: NodeJS.ProcessEnv = process.env): Output {
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    errIsTTY: Boolean(process.stderr.isTTY),
    style: wantsColour(process.stdout, env) ? coloured : plain,
  };
}

/** Columns padded to the widest cell; the last column is never padded (it holds free text). */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ').trimEnd());
}

/** Exits once stdout has taken everything written (a pipe to `head` or a file must get it all). */
export async function exitWith(code: number): Promise<never> {
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(code);
}
