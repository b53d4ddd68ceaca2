/**
 * `socklab play SOURCE… --peer PRESET [--lang L] [--driver local|docker] [--out DIR]`
 *
 * Runs a program in the playground: against one peer behaviour (a preset of
 * @socklab/exercise's playgroundPresets), with no grading, then draws each connection's
 * ladder diagram and the states both sides went through. `--peer list` names the presets.
 * Exit codes as for `run`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_TOOLCHAINS,
  findPlaygroundPreset,
  playgroundPresets,
  presetExercise,
  type Language,
} from '@socklab/exercise';
import { execute } from '@socklab/lab';
import type { Trace } from '@socklab/trace';
import { parseCommandArgs } from '../args';
import { artifactsDir } from '../artifacts-dir';
import { CliError, EXIT_INFRA, EXIT_OK } from '../cli-error';
import { createDriver } from '../drivers';
import { detectLanguage } from '../languages';
import { ladderDiagram } from '../ladder';
import type { Output } from '../output';
import { progressLine } from '../progress';
import { readSubmissionFiles } from '../submission-files';

const USAGE =
  'usage: socklab play SOURCE... --peer PRESET [--lang L] [--driver local|docker] [--out DIR] [--verbose]\n       socklab play --peer list';

export async function playCommand(argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      peer: { type: 'string' },
      lang: { type: 'string' },
      driver: { type: 'string' },
      out: { type: 'string' },
      verbose: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.peer === 'list') {
    for (const preset of playgroundPresets)
      out.line(`${preset.id.padEnd(24)} ${preset.title}\n${wrap(preset.description)}\n`);
    return EXIT_OK;
  }
  if (values.peer === undefined || positionals.length === 0) throw new CliError('cli/usage', USAGE);
  const preset = findPlaygroundPreset(values.peer);
  if (preset === undefined) {
    throw new CliError(
      'cli/unknown-preset',
      `no playground preset "${values.peer}"; choose one of ${playgroundPresets.map((p) => p.id).join(', ')}`,
    );
  }
  const language = detectLanguage(positionals, values.lang) as Language;
  const files = await readSubmissionFiles(positionals, DEFAULT_TOOLCHAINS[language]);
  const driver = await createDriver(values.driver);
  const outDir = artifactsDir(values.out, `play-${preset.id}`);

  out.line(`${preset.title}: ${preset.description}\n`);
  const report = await execute(
    { spec: presetExercise(preset) },
    { language, files },
    {
      driver,
      outDir,
      onEvent: (event) => {
        if (event.type === 'check' || event.type === 'result') return;
        const line = progressLine(event, { verbose: values.verbose });
        if (line !== undefined) out.error(line);
      },
    },
  );
  if (report.infraError) {
    out.error(`the lab failed (${report.infraError.code}): ${report.infraError.message}`);
    return EXIT_INFRA;
  }
  if (!report.build.ok) {
    out.line(`build failed:\n${report.build.output}`);
    return EXIT_OK;
  }
  const traces = JSON.parse(await readFile(join(outDir, 'trace.json'), 'utf8')) as {
    scenarios: Record<string, Trace>;
  };
  const trace = traces.scenarios[preset.id];
  const connections = (trace?.connections ?? []).filter(isConnection);
  if (connections.length === 0) out.line('no TCP connection was seen.');
  for (const connection of connections) {
    out.line(`connection ${connection.id}\n${ladderDiagram(trace, connection)}\n`);
  }
  out.line(`artifacts: ${outDir} (open capture-${preset.id}.pcapng in Wireshark)`);
  return EXIT_OK;
}

/** Listening sockets appear in the trace as endpoints with no remote side; they are not connections. */
function isConnection(connection: Trace['connections'][number]): boolean {
  return connection.endpoints.every(
    (endpoint) => endpoint.local.addr !== '0.0.0.0' && endpoint.local.port !== 0,
  );
}

function wrap(text: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = ' ';
  for (const word of words) {
    if (line.length + word.length > 90) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}
