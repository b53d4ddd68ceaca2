/**
 * The `socklab` command. Each subcommand returns its exit code (see cli-error.ts);
 * a CliError becomes its message on stderr and its exit code, anything else is an
 * infrastructure error (exit 1).
 */
import { CliError, EXIT_INFRA, EXIT_USAGE } from './cli-error';
import { processOutput, type Output } from './output';

type Command = (argv: string[], out: Output) => Promise<number>;

/**
 * Each command's module is loaded only when it runs: `serve` alone pulls in Prisma and
 * NestJS, `--driver docker` dockerode; `socklab run` should not pay for them at start-up.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  exercises: async () => (await import('./commands/exercises')).exercisesCommand,
  admin: async () => (await import('./commands/admin')).adminCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  run: async () => (await import('./commands/run')).runCommand,
  play: async () => (await import('./commands/play')).playCommand,
};

const USAGE = `usage: socklab <command>

  run EXERCISE SOURCE...         grade a program against a built-in exercise (id) or an exercise folder
                                 [--lang L] [--driver local|docker] [--out DIR] [--json] [--verbose]
  play SOURCE... --peer PRESET   run a program against a peer behaviour, no grading; draws the ladder diagram
                                 (--peer list names the presets)
  exercises list                 the built-in exercises
  exercises show ID|DIR          an exercise's summary and statement
  exercises validate DIR|ID      check an exercise folder, then self-test its solutions in the lab
                                 [--no-run] [--driver local|docker] [--lang L] [--repeat N] [--jobs N]
  serve                          the whole service here: API, runners, portal; prints where to sign in
                                 [--runners N] [--port P] [--var DIR] [--json]
  admin bootstrap --tenant NAME --email E
                                 create a tenant and its owner; prints their password and an API token (JSON)
  admin add-member --tenant SLUG --email E --role learner|instructor|owner
                                 add a member to a tenant; a new user's password is printed (JSON)

Exit codes: 0 done, 1 infrastructure error, 2 bad usage or bad input.`;

export async function runCli(argv: string[], out: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (load !== undefined) return await (await load())(rest, out);
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
