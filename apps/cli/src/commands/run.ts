/**
 * `socklab run EXERCISE SOURCE… [--lang L] [--driver local|docker] [--out DIR] [--json] [--verbose] [--sequential]`
 *
 * Grades a submission on this machine with no services: EXERCISE is a built-in id or an
 * exercise folder. Progress goes to stderr as the run happens; stdout gets the report
 * (text, or with --json exactly the report JSON); artifacts (captures, trace.json,
 * report.json, logs) go to DIR. Exit 0 when graded whatever the score (a build failure is
 * a graded outcome), 1 when the lab failed or was interrupted, 2 on bad usage or input.
 * Ctrl-C cancels the run; the lab tears everything down before the command exits.
 * The exercise's scenarios run at once (each in its own network and sandboxes; the
 * machine is the learner's); --sequential runs them one after another, as the service does.
 */
import type { Language } from '@socklab/exercise';
import { execute, type LabReport } from '@socklab/lab';
import { parseCommandArgs } from '../args';
import { artifactsDir } from '../artifacts-dir';
import { CliError, EXIT_INFRA, EXIT_OK } from '../cli-error';
import { createDriver } from '../drivers';
import { detectLanguage } from '../languages';
import type { Output } from '../output';
import { progressLine } from '../progress';
import { reportText } from '../report-text';
import { readSubmissionFiles } from '../submission-files';
import { loadOrThrow } from './exercises';

const USAGE =
  'usage: socklab run EXERCISE SOURCE... [--lang c|cpp|python|java] [--driver local|docker] [--out DIR] [--json] [--verbose] [--sequential]';

export async function runCommand(argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      lang: { type: 'string' },
      driver: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      quiet: { type: 'boolean' },
      sequential: { type: 'boolean' },
    },
    USAGE,
  );
  const [exerciseRef, ...sources] = positionals;
  if (exerciseRef === undefined || sources.length === 0) throw new CliError('cli/usage', USAGE);
  const exercise = await loadOrThrow(exerciseRef);
  const language = detectLanguage(sources, values.lang);
  const toolchain = exercise.spec.languages[language as Language];
  if (toolchain === undefined) {
    throw new CliError(
      'cli/language-not-accepted',
      `${exercise.spec.metadata.id} does not take ${language}; it takes ${Object.keys(exercise.spec.languages).join(', ')}`,
    );
  }
  const files = await readSubmissionFiles(sources, toolchain);
  const driver = await createDriver(values.driver);
  const outDir = artifactsDir(values.out, exercise.spec.metadata.id);

  const controller = new AbortController();
  const onSignal = () => {
    out.error('interrupted: stopping the lab and cleaning up…');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let report: LabReport;
  try {
    report = await execute(
      { spec: exercise.spec, dir: exercise.dir },
      { language: language as Language, files },
      {
        driver,
        outDir,
        signal: controller.signal,
        scenarioConcurrency: values.sequential ? 1 : exercise.spec.scenarios.length,
        onEvent: values.quiet
          ? undefined
          : (event) => {
              const line = progressLine(event, { verbose: values.verbose });
              if (line !== undefined) out.error(line);
            },
      },
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  out.line(values.json ? JSON.stringify(report, null, 2) : reportText(report, outDir));
  return report.infraError ? EXIT_INFRA : EXIT_OK;
}
