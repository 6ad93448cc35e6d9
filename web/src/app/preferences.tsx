import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNLocale from 'antd/es/locale/zh_CN.js';
import zhTWLocale from 'antd/es/locale/zh_TW.js';
import enUSLocale from 'antd/es/locale/en_US.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import 'dayjs/locale/zh-tw.js';
import { useTranslation } from 'react-i18next';
import { initialLang, rememberLang, switchLanguage, type Lang } from '../i18n/index.js';
import { themeFor } from './theme.js';

/** ESM/CJS interop: a default import may arrive wrapped in `{default}`. */
function unwrap<T>(mod: T | { default: T }): T {
  return mod && typeof mod === 'object' && 'default' in mod ? (mod as { default: T }).default : (mod as T);
}

const ANTD_LOCALES: Record<Lang, Locale> = {
  'zh-CN': unwrap<Locale>(zhCNLocale as unknown as Locale),
  'zh-TW': unwrap<Locale>(zhTWLocale as unknown as Locale),
  en: unwrap<Locale>(enUSLocale as unknown as Locale),
};
const DAYJS_LOCALES: Record<Lang, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };
const ELDERLY_KEY = 'lx.elderly';

interface Preferences {
  lang: Lang;
  setLang(lang: Lang): void;
  elderly: boolean;
  setElderly(on: boolean): void;
}

const PreferencesContext = createContext<Preferences | null>(null);

function initialElderly(): boolean {
  try {
    if (new URLSearchParams(location.search).get('elderly') === '1') return true;
    return localStorage.getItem(ELDERLY_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Language and elderly mode (适老化): chosen with one tap from the header of
 * every page, remembered in localStorage (the language also in the `lang`
 * cookie the server reads), applied to antd (locale, theme tokens) and to the
 * page (`<html lang>`, the `lx-elderly` class).
 */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [lang, setLangState] = useState<Lang>(() => initialLang());
  const [elderly, setElderlyState] = useState<boolean>(() => initialElderly());

  useEffect(() => {
    // Tell the server at once (cookie) and load the catalogue when it is not the bundled one.
    rememberLang(lang);
    if (i18n.language !== lang) void switchLanguage(lang);
    dayjs.locale(DAYJS_LOCALES[lang]);
  }, [lang, i18n]);

  useEffect(() => {
    document.documentElement.classList.toggle('lx-elderly', elderly);
    try {
      localStorage.setItem(ELDERLY_KEY, elderly ? '1' : '0');
    } catch {
      /* storage disabled */
    }
  }, [elderly]);

  const setLang = useCallback((next: Lang) => setLangState(next), []);
  const setElderly = useCallback((on: boolean) => setElderlyState(on), []);
  const value = useMemo(() => ({ lang, setLang, elderly, setElderly }), [lang, setLang, elderly, setElderly]);
  const theme = useMemo(() => themeFor(elderly, lang), [elderly, lang]);

  return (
    <PreferencesContext.Provider value={value}>
      <ConfigProvider
        locale={ANTD_LOCALES[lang]}
        theme={theme}
        wave={{ disabled: elderly }}
        componentSize={elderly ? 'large' : 'middle'}
      >
        <AntApp message={{ maxCount: 2, top: 72 }}>{children}</AntApp>
      </ConfigProvider>
    </PreferencesContext.Provider>
  );
}

export function usePreferences(): Preferences {
  const ctx = useContext(PreferencesContext);
  if (!ctx) throw new Error('usePreferences outside PreferencesProvider');
  return ctx;
}
