/**
 * The parents' portal in English and Spanish (i18next with react-i18next). The catalogs are JSON with
 * the same keys; `portal-i18n.test.ts` fails on a key missing from either, an empty or untranslated
 * value, a key used in the portal's code that no catalog has, and text written into the portal's JSX
 * instead of taken from the catalog. Money and dates are formatted for the language (Intl).
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from './en.json';
import es from './es.json';

export const portalLanguages = ['en', 'es'] as const;
export type PortalLanguage = (typeof portalLanguages)[number];

const storageKey = 'concord.portal.language';

/** The language before sign-in: the one chosen on this device, else the browser's when Spanish, else English. */
export function startingLanguage(): PortalLanguage {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  if (stored === 'en' || stored === 'es') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export const portalI18n = i18next.createInstance();
void portalI18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: startingLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the portal's language on this device (the account remembers it through the API). */
export async function switchLanguage(language: PortalLanguage): Promise<void> {
  localStorage.setItem(storageKey, language);
  await portalI18n.changeLanguage(language);
  document.documentElement.lang = language;
}

const locales: Record<PortalLanguage, string> = { en: 'en-US', es: 'es-US' };

/** The portal's translation function with money and dates in the reader's language. */
export function usePortalText() {
  const { t, i18n } = useTranslation(undefined, { i18n: portalI18n });
  const language = (i18n.language === 'es' ? 'es' : 'en') as PortalLanguage;
  const locale = locales[language];
  const money = (cents: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(cents / 100);
  // A calendar date is a day, not an instant: formatted at noon UTC so no time zone moves it.
  const date = (day: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  return { t, language, money, date };
}
