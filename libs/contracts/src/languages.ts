import { z } from 'zod';

/** Languages a learner may submit in (the database enum "Language" has the same values). */
export const LANGUAGES = ['c', 'cpp', 'python', 'java'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;
