/** What a run ran, as its page and the run lists name and link it. Pure. */
import type { RunSummary } from '../api/types';
import { pathTo } from '../app/routes';

export interface RunSubject {
  title: string;
  /** The page the run was started from. */
  href: string;
  /** Text of the link back to it. */
  back: string;
}

export function runSubject(run: Pick<RunSummary, 'exercise' | 'playground'>): RunSubject {
  if (run.exercise) {
    return {
      title: run.exercise.title,
      href: pathTo('exercise', { id: run.exercise.id }),
      back: 'back to the exercise',
    };
  }
  const preset = run.playground ?? { presetId: '', title: 'unknown preset' };
  return {
    title: `Playground: ${preset.title}`,
    href: preset.presetId
      ? `${pathTo('playground')}?preset=${encodeURIComponent(preset.presetId)}`
      : pathTo('playground'),
    back: 'back to the playground',
  };
}
