/**
 * The `socklab` command. Each subcommand returns its exit code (see cli-error.ts);
 * a CliError becomes its message on stderr and its exit code, anything else is an
 * infrastructure error (exit 1).
 */
import { CliError, EXIT_INFRA, EXIT_USAGE } from './cli-error';
import { validateExercise } from './commands/exercises';
import { processOutput, type Output } from './output';

const USAGE = `usage: socklab <command>

  exercises validate DIR   check an exercise folder (spec, statement, starter and solution files)

Exit codes: 0 done, 1 infrastructure error, 2 bad usage or bad input.`;

export async function runCli(argv: string[], out: Output = processOutput): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === 'exercises' && sub === 'validate') return await validateExercise(rest[0], out);
    if (command === undefined || command === 'help' || command === '--help') {
      out.line(USAGE);
      return command === undefined ? EXIT_USAGE : 0;
    }
    throw new CliError('cli/unknown-command', `unknown command "${argv.join(' ')}"\n\n${USAGE}`);
  } catch (error) {
    if (error instanceof CliError) {
      out.error(error.message);
      return error.exitCode;
    }
    out.error(`socklab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_INFRA;
  }
}

/** Entry point of bin/socklab.js: runs the command line and sets the exit code. */
export function main(): void {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_INFRA;
    },
  );
}
