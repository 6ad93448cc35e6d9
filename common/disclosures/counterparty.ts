/**
 * Is a ledger counterparty a person (masked in public, DOMAIN.md "Privacy")
 * or an organisation (shown as written)? Accounting exports do not say, so
 * when the entry does not either, a short run of Chinese characters that
 * does not end like a unit's name (…公司, …村, …站) is taken for a person.
 */
const ORGANISATION_ENDINGS = [
  '公司', '集团', '银行', '信用社', '合作社', '委员会', '政府', '办事处', '中心', '医院', '卫生院', '卫生室', '学校', '小学', '中学',
  '幼儿园', '超市', '商店', '酒店', '宾馆', '餐馆', '饭店', '加油站', '电信', '移动', '联通', '电力', '供电所', '水务', '财政所',
  '村', '组', '社区', '镇', '街道', '局', '厂', '店', '站', '社', '所', '院', '校', '行', '部', '处', '会', '队', '场', '馆', '室', '司',
];

export function looksLikePerson(name: string): boolean {
  const s = name.trim();
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(s) && !/^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}$/.test(s)) return false;
  return !ORGANISATION_ENDINGS.some((end) => s.endsWith(end));
}
