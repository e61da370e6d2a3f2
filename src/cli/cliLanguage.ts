/**
 * The CLI's languages and how its own words are kept: English and Simplified Chinese side by side,
 * as `{ en, zh }` objects (as core does for validation issues, device warnings and runner errors).
 * A template names its blanks `{name}`; both languages must name the same blanks (a unit test reads
 * every `*Texts.ts` catalogue). Only what a person reads is translated: `--json`, CSV, exit codes
 * and the records stay English whatever the language.
 */

export type CliLanguage = 'en' | 'zh';

/** One message in both languages. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** A module's messages by name; each `*Texts.ts` file exports one. */
export type Catalogue = Readonly<Record<string, Bilingual>>;

/**
 * The values put into a template's `{name}` blanks: shown as given (ids, numbers, units verbatim);
 * a Bilingual value (a word from a catalogue) in the template's own language.
 */
export type Vars = Readonly<Record<string, string | number | Bilingual>>;

/** Chinese when the locale says so (`LANG=zh_CN.UTF-8`), else English. */
export function cliLanguage(env: Record<string, string | undefined>): CliLanguage {
  const lang = env.LAR_EXPLORER_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(lang) ? 'zh' : 'en';
}

const BLANK = /\{(\w+)\}/g;

/** The template with its blanks filled; a value is inserted once, never read as a template itself. */
export function fill(template: string, vars: Vars = {}, lang: CliLanguage = 'en'): string {
  return template.replace(BLANK, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(vars, name)) return whole;
    const value = vars[name]!;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** One entry in the user's language, filled. */
export function say(lang: CliLanguage, entry: Bilingual, vars?: Vars): string {
  return fill(entry[lang], vars, lang);
}

/** One entry in both languages, filled: for an error thrown before anyone knows the language. */
export function both(entry: Bilingual, vars?: Vars): Bilingual {
  return { en: fill(entry.en, vars, 'en'), zh: fill(entry.zh, vars, 'zh') };
}

/** A text that has no translation (a core message, a tool's line): the same in both languages. */
export function untranslated(text: string): Bilingual {
  return { en: text, zh: text };
}

/**
 * A core error's text in both languages: core errors a person caused carry their Chinese in `zh`
 * (StudyDefinitionError, StudyNotFoundError); any other says the same (English) in both.
 */
export function errorText(err: Error): Bilingual {
  const zh = (err as { zh?: unknown }).zh;
  return { en: err.message, zh: typeof zh === 'string' ? zh : err.message };
}

/** The names of a template's blanks, sorted, each once. */
export function blanksOf(template: string): string[] {
  return [...new Set([...template.matchAll(BLANK)].map((m) => m[1]!))].sort();
}
