import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.js';

/**
 * UI text, 简体中文 first (the source, bundled); 繁體中文 and English are
 * loaded on demand so a resident's phone downloads one language.
 */
export type Lang = 'zh-CN' | 'zh-TW' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'zh-TW', 'en'];
const STORAGE_KEY = 'lx.lang';

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'zh-TW' || value === 'en';
}

/** The remembered choice, else 简体中文 (the app's default, whatever the device says). */
export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    /* storage disabled */
  }
  const cookie = document.cookie.match(/(?:^|;\s*)lang=([^;]+)/)?.[1];
  if (isLang(cookie)) return cookie;
  return 'zh-CN';
}

/** Remember the language here and tell the server (its error messages follow the `lang` cookie). */
export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage disabled */
  }
  document.cookie = `lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
  document.documentElement.lang = lang;
}

const loaders: Record<Exclude<Lang, 'zh-CN'>, () => Promise<{ default: unknown }>> = {
  'zh-TW': () => import('./zh-TW.js'),
  en: () => import('./en.js'),
};

/** Loads a language's catalogue if needed, then switches to it. */
export async function switchLanguage(lang: Lang): Promise<void> {
  if (lang !== 'zh-CN' && !i18n.hasResourceBundle(lang, 'translation')) {
    const mod = await loaders[lang]();
    i18n.addResourceBundle(lang, 'translation', mod.default as object, true, true);
  }
  rememberLang(lang);
  await i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});

export default i18n;
