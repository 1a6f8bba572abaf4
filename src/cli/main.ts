/** The `crystens` command line: the studio's core, headless (see ../shared/docs/cli.md). */
import { initMoyoNode } from '../core/symmetry/moyo-node';
import { COMPARE_HELP, runCompare } from './commands/compare';
import { CONVERT_HELP, runConvert } from './commands/convert';
import { DECODE_HELP, runDecode } from './commands/decode';
import { ENCODE_HELP, runEncode } from './commands/encode';
import { PARSE_HELP, runParse } from './commands/parse';
import { UsageError } from './files';

type Command = { help: string; run: (argv: readonly string[], out: (s: string) => void) => number };

const COMMANDS: Record<string, Command> = {
  parse: { help: PARSE_HELP, run: runParse },
  convert: { help: CONVERT_HELP, run: runConvert },
  encode: { help: ENCODE_HELP, run: runEncode },
  decode: { help: DECODE_HELP, run: runDecode },
  compare: { help: COMPARE_HELP, run: runCompare },
};

const USAGE = `usage: crystens <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.help.split('\n')[0]}`)
  .join('\n')}

Every command takes --help.`;

/** Runs one command; returns the exit status (0 ran, 2 usage error or unreadable path). */
export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
  err: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? err : out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`crystens: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(command.help);
    return 0;
  }
  try {
    await initMoyoNode();
    return command.run(rest, out);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`crystens ${name}: ${e.message}\n\n${command.help}`);
      return 2;
    }
    throw e;
  }
}
