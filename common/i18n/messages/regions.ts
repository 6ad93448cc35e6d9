import type { Catalogue } from '../catalogue.js';

/** Messages of the regions module. */
export const regionsMessages = {
  'region.unknown': { 'zh-CN': '区划代码 {code} 不存在', 'zh-TW': '區劃代碼 {code} 不存在', en: 'Region code {code} does not exist' },
} as const satisfies Catalogue;
