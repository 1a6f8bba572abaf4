/** The `crystens` command line: the studio's core, headless (see ../shared/docs/cli.md). */
import { initMoyoNode } from '../core/symmetry/moyo-node';
import { ModelRefusal } from '../ml/engine/model-refusal';
import { UsageError } from './files';
import * as help from './help';

type Run = (argv: readonly string[], out: (s: string) => void) => number | Promise<number>;

/** Commands load on use: train and sample bring tfjs, which the others need not pay for. */
const COMMANDS: Record<string, { help: string; load: () => Promise<Run> }> = {
  parse: { help: help.PARSE_HELP, load: async () => (await import('./commands/parse')).runParse },
  convert: { help: help.CONVERT_HELP, load: async () => (await import('./commands/convert')).runConvert },
  encode: { help: help.ENCODE_HELP, load: async () => (await import('./commands/encode')).runEncode },
  decode: { help: help.DECODE_HELP, load: async () => (await import('./commands/decode')).runDecode },
  compare: { help: help.COMPARE_HELP, load: async () => (await import('./commands/compare')).runCompare },
  train: { help: help.TRAIN_HELP, load: async () => (await import('./commands/train')).runTrain },
  sample: { help: help.SAMPLE_HELP, load: async () => (await import('./commands/sample')).runSample },
};

const USAGE = `usage: crystens <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.help.split('\n')[0]}`)
  .join('\n')}

Every command takes --help.`;

/** Runs one command; returns the exit status (0 ran, 2 usage error, unreadable path or refused model files). */
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
    return await (await command.load())(rest, out);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`crystens ${name}: ${e.message}\n\n${command.help}`);
      return 2;
    }
    // A model's files refused before use (src/ml/engine/model-check.ts): the reason alone, one line.
    if (e instanceof ModelRefusal) {
      err(`crystens ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
