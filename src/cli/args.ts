/** A small argument parser: positional paths, `--flag`, `--key value`. Unknown options are usage errors. */
import { UsageError } from './files';

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (flags.includes(name)) options.set(name, true);
    else if (valued.includes(name)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return { positional, options };
}
