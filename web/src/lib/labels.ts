import type { TFunction } from 'i18next';

/** Region levels as words. */
export function levelLabel(t: TFunction, level: string | null | undefined): string {
  if (!level) return '';
  return t(`region.level.${level}`, { defaultValue: level });
}

/**
 * Household relations are stored as the Chinese words (户主, 配偶 …, as the
 * API documents them) and shown in the reader's language; a word we do not
 * know is shown as it is.
 */
export const RELATIONS = [
  { value: '户主', key: 'head' },
  { value: '配偶', key: 'spouse' },
  { value: '子女', key: 'child' },
  { value: '父母', key: 'parent' },
  { value: '孙子女', key: 'grandchild' },
  { value: '兄弟姐妹', key: 'sibling' },
  { value: '其他', key: 'other' },
] as const;
export function relationLabel(t: TFunction, relation: string | null | undefined): string {
  if (!relation) return '';
  const known = RELATIONS.find((r) => r.value === relation || r.key === relation);
  return known ? t(`household.relation.${known.key}`) : relation;
}

export function roleLabel(t: TFunction, role: string | null | undefined): string {
  if (!role) return '';
  return t(`roles.${role}`, { defaultValue: role });
}
