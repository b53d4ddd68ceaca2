/**
 * Command-line parsing for the subcommands: node:util parseArgs, with every mistake turned
 * into a CliError (exit 2) that names the option and shows the subcommand's usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  usage: string,
): {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  positionals: string[];
} {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new CliError('cli/usage', `${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** A positive integer option, or the default. */
export function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError('cli/usage', `--${name} ${value}: give a positive integer`);
  return n;
}
