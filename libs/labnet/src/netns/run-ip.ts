/**
 * Runs iproute2 (`ip`, see ip(8), ip-netns(8), ip-link(8)) without a shell. Arguments are
 * passed as an array, so interface and namespace names are never interpreted by a shell.
 */
import { execFile } from 'node:child_process';
import { LabnetError } from '../errors';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

export function runCommand(
  file: string,
  args: readonly string[],
  timeoutMs = 10_000,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || error.message;
          reject(
            new LabnetError('labnet/ip-command-failed', `'${file} ${args.join(' ')}' failed: ${detail}`, {
              cause: error,
            }),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

export function runIp(args: readonly string[]): Promise<CommandResult> {
  return runCommand('ip', args);
}
