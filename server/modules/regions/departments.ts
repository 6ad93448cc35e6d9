/**
 * The functional departments (职能部门) a city, county or township may have.
 * Case routing matches on these words, so they are a closed list: a new kind
 * of department is a one-line change here, not a free-text typo in the data.
 */
export const DEPARTMENT_TYPES = [
  '城管',
  '交警',
  '公安',
  '住建',
  '卫健',
  '民政',
  '医保',
  '人社',
  '纪委',
  '教育',
  '应急',
  '市场监管',
  '生态环境',
  '自然资源',
  '水利',
  '农业农村',
  '交通运输',
  '信访',
  '政务热线',
] as const;
export type DepartmentType = (typeof DEPARTMENT_TYPES)[number];

/** Levels at which a department may exist (not at a village or a grid). */
export const DEPARTMENT_LEVELS = ['province', 'city', 'county', 'township'] as const;
