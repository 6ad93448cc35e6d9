import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../app/preferences.js';
import type { Lang } from '../i18n/index.js';

const OPTIONS: { value: Lang; short: string; full: string }[] = [
  { value: 'zh-CN', short: '简', full: '简体中文' },
  { value: 'zh-TW', short: '繁', full: '繁體中文' },
  { value: 'en', short: 'EN', full: 'English' },
];

/** 简 / 繁 / EN — each language named in itself, so anyone can find their own. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { lang, setLang } = usePreferences();
  return (
    <div className="lx-lang" role="group" aria-label={t('prefs.language')} data-testid="lang-switcher">
      <Segmented<Lang>
        size="small"
        value={lang}
        onChange={(value) => setLang(value)}
        options={OPTIONS.map((o) => ({
          value: o.value,
          label: (
            <span lang={o.value} title={o.full} aria-label={o.full} data-testid={`lang-${o.value}`}>
              {o.short}
            </span>
          ),
        }))}
      />
    </div>
  );
}
