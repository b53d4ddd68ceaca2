import type { Language } from '@socklab/contracts';

export const LANGUAGE_NAMES: Record<Language, string> = {
  c: 'C',
  cpp: 'C++',
  python: 'Python',
  java: 'Java',
};

/** Above a code editor: the language to write in (select #language) and the way back to the starter code. */
export function EditorToolbar({
  languages,
  language,
  onLanguageChange,
  onReset,
}: {
  languages: readonly Language[];
  language: Language;
  onLanguageChange(language: Language): void;
  onReset(): void;
}) {
  return (
    <div className="toolbar">
      <label htmlFor="language">Language</label>
      <select id="language" value={language} onChange={(e) => onLanguageChange(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="button" className="button-quiet" onClick={onReset}>
        Reset to the starter code
      </button>
    </div>
  );
}
