export type Lang = 'zh-CN' | 'zh-TW' | 'en';
/** Each message in 简体中文 (the source language), 繁體中文 and English. */
export type Catalogue = Record<string, Record<Lang, string>>;
