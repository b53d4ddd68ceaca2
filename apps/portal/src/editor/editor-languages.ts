import { cpp } from '@codemirror/lang-cpp';
import { java } from '@codemirror/lang-java';
import { python } from '@codemirror/lang-python';
import { yaml } from '@codemirror/lang-yaml';
import type { Extension } from '@codemirror/state';

export type EditorLanguage = 'c' | 'cpp' | 'python' | 'java' | 'yaml';

/** CodeMirror's language support per editor language (C uses the C++ grammar). */
export function languageSupport(language: EditorLanguage): Extension {
  switch (language) {
    case 'c':
    case 'cpp':
      return cpp();
    case 'python':
      return python();
    case 'java':
      return java();
    case 'yaml':
      return yaml();
  }
}
