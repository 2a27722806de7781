/**
 * The UI's language: i18next (react-i18next) with English and German bundled
 * (a few kB; no lazy loading needed). The language is the signed-in user's
 * Keycloak `locale` claim when it is one we have, else the browser's first
 * supported language, else English. Numbers, dates and prices are formatted
 * with Intl in the same language (lib/format.ts reads `currentLocale()`).
 *
 * Strings live in `src/locales/{en,de}.json`, one namespace per feature;
 * `locales.test.ts` checks that both files have the same keys.
 */
import { useLayoutEffect } from 'react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '@/locales/en.json';
import de from '@/locales/de.json';

export const supportedLanguages = ['en', 'de'] as const;
export type Language = (typeof supportedLanguages)[number];

/** The first of `candidates` (BCP 47 tags such as "de-AT") that we support, by primary subtag. */
export function pickLanguage(candidates: ReadonlyArray<string | undefined>): Language {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split(/[-_]/)[0];
    const match = supportedLanguages.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}

function browserLanguages(): string[] {
  return typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? [navigator.language])];
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en, de },
  lng: pickLanguage(browserLanguages()),
  fallbackLng: 'en',
  supportedLngs: [...supportedLanguages],
  defaultNS: 'common',
  ns: Object.keys(en),
  // React escapes what it renders; escaping here too would show "&amp;"
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Switches to the user's Keycloak `locale` (falls back to the browser's languages) before the page paints. */
export function useLanguageOf(userLocale: string | undefined) {
  const language = pickLanguage([userLocale, ...browserLanguages()]);
  useLayoutEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
}

/**
 * The locale Intl formats with: the UI's language, with the browser's region
 * when the browser speaks it ("en-GB" dates for a British English browser,
 * "de-AT" for an Austrian one), else the bare language.
 */
export function currentLocale(): string {
  const language = i18n.language || 'en';
  const regional = browserLanguages().find((tag) => tag.toLowerCase().split(/[-_]/)[0] === language);
  return regional ?? language;
}
