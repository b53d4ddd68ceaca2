/** The program the playground page edits: its starter, its draft, how the lab starts it. Pure. */
import type { Language } from '@socklab/contracts';
import { DEFAULT_TOOLCHAINS, playgroundStarter } from '@socklab/exercise/schema';
import type { ExerciseFile, PlaygroundPreset } from '../api/types';
import type { DraftKey } from '../editor/drafts';

/** The command line the lab starts the program with, placeholders kept: "./prog {host} {port}". */
export function startCommand(language: Language, args: readonly string[]): string {
  return [...DEFAULT_TOOLCHAINS[language].run, ...args].join(' ');
}

/** What the program is to the peer, and how it learns where to connect or listen. */
export function roleNote(preset: Pick<PlaygroundPreset, 'role' | 'args'>, language: Language): string {
  const command = startCommand(language, preset.args);
  return preset.role === 'client'
    ? `Your program is the client: it is started as ${command}, where {host} is the address to connect to and {port} the port.`
    : `Your program is the server: it is started as ${command} and must listen on {port}; the peer connects to it.`;
}

/**
 * One draft per role and language, whatever the preset: every client preset takes the same
 * kind of program, and so does every server preset.
 */
export function playgroundDraftKey(
  userId: string,
  role: PlaygroundPreset['role'],
  language: Language,
): DraftKey {
  return { userId, exerciseId: `playground-${role}`, language };
}

/** The learner's draft when there is one (its first file), else the starter. */
export function initialProgram(
  role: PlaygroundPreset['role'],
  language: Language,
  draft: readonly ExerciseFile[] | null,
): ExerciseFile {
  return draft?.[0] ?? playgroundStarter(role, language);
}
