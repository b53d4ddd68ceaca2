/** Where the command writes: stdout for results, stderr for progress and problems. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

/**
 * stdout/stderr of this process. When the reader goes away (`socklab exercises list | head`)
 * writes fail with EPIPE: further lines are dropped rather than crashing the command, so a
 * run in progress still tears its lab down before it exits.
 */
export const processOutput: Output = {
  line: (text) => writeUnlessClosed(process.stdout, `${text}\n`),
  error: (text) => writeUnlessClosed(process.stderr, `${text}\n`),
};

const watchedStreams = new WeakSet<NodeJS.WriteStream>();
const closedStreams = new WeakSet<NodeJS.WriteStream>();

function writeUnlessClosed(stream: NodeJS.WriteStream, text: string): void {
  if (closedStreams.has(stream)) return;
  if (!watchedStreams.has(stream)) {
    watchedStreams.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closedStreams.add(stream);
    });
  }
  stream.write(text);
}

/** Collects lines in memory (tests). */
export function memoryOutput(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, line: (t) => stdout.push(t), error: (t) => stderr.push(t) };
}
