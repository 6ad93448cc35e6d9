import type { ThemeConfig } from 'antd';

/** Primary blue: 6.3:1 on white, readable as text and behind white text. */
const PRIMARY = '#0b57d0';

/** Status colours dark enough for text (≥ 4.5:1 on their light backgrounds), in both modes. */
const STATUS = {
  colorSuccess: '#1b6e2e',
  colorWarning: '#8a5300',
  colorError: '#b3261e',
  colorInfo: PRIMARY,
  colorSuccessBg: '#e7f4ea',
  colorSuccessBorder: '#7fb88d',
  colorWarningBg: '#fff3df',
  colorWarningBorder: '#d9a55c',
  colorErrorBg: '#fdeceb',
  colorErrorBorder: '#e59a95',
  colorInfoBg: '#e8f0fe',
  colorInfoBorder: '#8fb1ec',
};

export const normalTheme: ThemeConfig = {
  token: {
    ...STATUS,
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    fontSize: 15,
    borderRadius: 8,
    // Secondary text a little darker than antd's default so it stays ≥ 4.5:1.
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', Roboto, sans-serif",
  },
};

/**
 * 适老化 (MIIT 2021): 20 px type, 1.6 line height, 48 px controls, black on
 * white, darker status colours, and no motion at all.
 */
export const elderlyTheme: ThemeConfig = {
  token: {
    ...normalTheme.token,
    fontSize: 20,
    fontSizeSM: 18,
    fontSizeLG: 22,
    fontSizeHeading1: 34,
    fontSizeHeading2: 30,
    fontSizeHeading3: 26,
    fontSizeHeading4: 23,
    fontSizeHeading5: 21,
    lineHeight: 1.6,
    controlHeight: 48,
    controlHeightSM: 40,
    controlHeightLG: 56,
    colorText: '#000000',
    colorTextHeading: '#000000',
    colorTextSecondary: '#1f1f1f',
    colorTextTertiary: '#2b2b2b',
    colorTextDescription: '#2b2b2b',
    colorTextPlaceholder: '#555555',
    colorBorder: '#555555',
    colorBorderSecondary: '#8c8c8c',
    // Borders as dark as the text: every tag and alert outlined clearly.
    colorSuccessBorder: '#1b6e2e',
    colorWarningBorder: '#8a5300',
    colorErrorBorder: '#b3261e',
    colorInfoBorder: '#0b57d0',
    motion: false,
  },
  components: {
    Button: { contentFontSize: 20, contentFontSizeLG: 22, fontWeight: 600 },
    Tag: { defaultColor: '#000000' },
    Menu: { itemHeight: 52 },
    Table: { cellPaddingBlock: 14 },
  },
};

/** Fonts by language: CJK fonts first for Chinese (the right glyph forms), Latin first for English (its punctuation). */
const FONTS: Record<string, string> = {
  'zh-CN':
    "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', Roboto, sans-serif",
  'zh-TW':
    "-apple-system, BlinkMacSystemFont, 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK TC', 'Noto Sans TC', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
  en: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
};

/** The theme for a mode and a language. */
export function themeFor(elderly: boolean, lang: string): ThemeConfig {
  const base = elderly ? elderlyTheme : normalTheme;
  return { ...base, token: { ...base.token, fontFamily: FONTS[lang] ?? FONTS['zh-CN'] } };
}
