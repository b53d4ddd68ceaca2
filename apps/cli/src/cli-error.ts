/**
 * Exit codes of the `socklab` command (a contract scripts rely on):
 * 0 the command did its job (a run was graded, whatever the score);
 * 1 an infrastructure error (the lab could not run: sandbox, network, tracing);
 * 2 bad usage or bad input (unknown exercise, unreadable source, malformed spec).
 */
export const EXIT_OK = 0;
export const EXIT_INFRA = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
