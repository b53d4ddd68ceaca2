/**
 * Languages an exercise accepts, with the files a learner submits and how the lab builds
 * and runs them. Commands are argv lists (no shell). Defaults assume one source file:
 * an exercise that names other files must spell out build and run as well.
 */
import { z } from 'zod';
import { argvTemplate, strictObject } from './builders';
import { LANGUAGES, type Language } from './vocabulary';

export interface Toolchain {
  /** Files the learner submits, relative to the submission root. */
  files: string[];
  /** Build command run in the build sandbox (no network); [] = nothing to build. */
  build: string[];
  /** Command prefix that starts the program; a learner host's `args` are appended. */
  run: string[];
}

export const DEFAULT_TOOLCHAINS: Readonly<Record<Language, Readonly<Toolchain>>> = {
  c: { files: ['main.c'], build: ['gcc', '-O2', '-Wall', '-o', 'prog', 'main.c'], run: ['./prog'] },
  cpp: {
    files: ['main.cpp'],
    build: ['g++', '-O2', '-Wall', '-std=c++17', '-o', 'prog', 'main.cpp'],
    run: ['./prog'],
  },
  python: {
    files: ['main.py'],
    build: ['python3', '-m', 'py_compile', 'main.py'],
    run: ['python3', 'main.py'],
  },
  java: { files: ['Main.java'], build: ['javac', 'Main.java'], run: ['java', '-cp', '.', 'Main'] },
};

const relativeFile = z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_./-]+$/, {
  error: 'a submission file is a relative path without ".." (letters, digits, "_", "-", ".", "/")',
});

const toolchainOverride = strictObject({
  files: z.array(relativeFile).min(1).optional(),
  build: argvTemplate.optional(),
  run: argvTemplate.min(1).optional(),
});

const sameFiles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((file, index) => file === b[index]);

/** `languages: {c: {}, python: {files: [main.py]}}` — every key is an accepted language. */
export const languagesSchema = strictObject(
  Object.fromEntries(LANGUAGES.map((language) => [language, toolchainOverride.optional()])) as Record<
    Language,
    z.ZodOptional<typeof toolchainOverride>
  >,
)
  .superRefine((languages, ctx) => {
    const declared = LANGUAGES.filter((language) => languages[language] !== undefined);
    if (declared.length === 0) {
      ctx.addIssue({ code: 'custom', message: `declare at least one language: ${LANGUAGES.join(', ')}` });
    }
    for (const language of declared) {
      const override = languages[language] ?? {};
      const defaults = DEFAULT_TOOLCHAINS[language];
      if (override.files === undefined || sameFiles(override.files, defaults.files)) continue;
      for (const command of ['build', 'run'] as const) {
        if (override[command] !== undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: [language, command],
          params: { code: 'exercise/missing-toolchain' },
          message: `${language}.files is [${override.files.join(', ')}], not the default [${defaults.files.join(', ')}], so the default ${command} command "${defaults[command].join(' ')}" would not fit: give ${command} explicitly`,
        });
      }
    }
  })
  .transform((languages) => {
    const resolved: Partial<Record<Language, Toolchain>> = {};
    for (const language of LANGUAGES) {
      const override = languages[language];
      if (override === undefined) continue;
      const defaults = DEFAULT_TOOLCHAINS[language];
      resolved[language] = {
        files: override.files ?? [...defaults.files],
        build: override.build ?? [...defaults.build],
        run: override.run ?? [...defaults.run],
      };
    }
    return resolved;
  });

/** Run limits per learner process: defaults, and hard maxima no exercise may exceed. */
export const LIMIT_DEFAULTS = {
  wallMs: 10_000,
  memoryMb: 256,
  processes: 32,
  outputBytes: 1_048_576,
} as const;
export const LIMIT_MAXIMA = {
  wallMs: 120_000,
  memoryMb: 2_048,
  processes: 256,
  outputBytes: 16_777_216,
} as const;

const limit = (name: keyof typeof LIMIT_DEFAULTS, min: number, unit: string) =>
  z
    .number()
    .int()
    .min(min)
    .max(LIMIT_MAXIMA[name], {
      error: `${name} may not exceed the hard maximum of ${LIMIT_MAXIMA[name]} ${unit}`,
    })
    .default(LIMIT_DEFAULTS[name]);

export const limitsSchema = strictObject({
  /** Wall-clock budget of one scenario, from the first process start to the last step. */
  wallMs: limit('wallMs', 100, 'ms'),
  memoryMb: limit('memoryMb', 16, 'MiB'),
  processes: limit('processes', 1, 'processes'),
  /** stdout + stderr bytes kept per process; output beyond is dropped and flagged. */
  outputBytes: limit('outputBytes', 1024, 'bytes'),
}).prefault({});
export type Limits = z.output<typeof limitsSchema>;
