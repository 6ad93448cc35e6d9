import type { Catalogue } from '../catalogue.js';

/** Messages of the people module (people, role grants, households). */
export const peopleMessages = {
  'person.not_found': { 'zh-CN': '该人员不存在', 'zh-TW': '該人員不存在', en: 'This person does not exist' },
  'person.name_blank': { 'zh-CN': '请填写姓名', 'zh-TW': '請填寫姓名', en: 'Please enter a name' },
  'person.login_required': {
    'zh-CN': '请至少填写手机号或用户名，以便登录',
    'zh-TW': '請至少填寫手機號碼或使用者名稱，以便登入',
    en: 'Give a phone number or a user name so the person can sign in',
  },
  'person.phone_taken': { 'zh-CN': '该手机号已被登记', 'zh-TW': '該手機號碼已被登記', en: 'This phone number is already registered' },
  'person.username_taken': { 'zh-CN': '该用户名已被使用', 'zh-TW': '該使用者名稱已被使用', en: 'This user name is already taken' },
  'person.password_needs_username': {
    'zh-CN': '设置密码时须同时设置用户名或手机号',
    'zh-TW': '設定密碼時須同時設定使用者名稱或手機號碼',
    en: 'A password needs a user name or phone number to sign in with',
  },
  'person.grant_required': {
    'zh-CN': '请选择此人在您辖区内的单位和角色',
    'zh-TW': '請選擇此人在您轄區內的單位和角色',
    en: 'Choose the unit in your area and the role of this person',
  },
  'grant.not_found': { 'zh-CN': '该角色授权不存在', 'zh-TW': '該角色授權不存在', en: 'This role grant does not exist' },
  'grant.duplicate': { 'zh-CN': '此人在该单位已有此角色', 'zh-TW': '此人在該單位已有此角色', en: 'This person already holds this role at this unit' },
  'grant.role_unit_mismatch': {
    'zh-CN': '该角色不能设在此单位（{unit}）',
    'zh-TW': '該角色不能設在此單位（{unit}）',
    en: 'This role cannot be held at this unit ({unit})',
  },
  'grant.admin_only': {
    'zh-CN': '只有系统管理员可以授予管理员角色',
    'zh-TW': '只有系統管理員可以授予管理員角色',
    en: 'Only administrators may grant the administrator role',
  },
  'grant.out_of_scope': {
    'zh-CN': '您只能在自己负责的区域内，授予不高于自己层级的角色',
    'zh-TW': '您只能在自己負責的區域內，授予不高於自己層級的角色',
    en: 'You may only grant roles at or below your level, within your own area',
  },
  'grant.last_admin_self': {
    'zh-CN': '不能移除您自己唯一的管理员角色',
    'zh-TW': '不能移除您自己唯一的管理員角色',
    en: 'You cannot remove your own last administrator role',
  },
  'household.not_found': { 'zh-CN': '该户不存在', 'zh-TW': '該戶不存在', en: 'This household does not exist' },
  'household.unknown': { 'zh-CN': '所选的户不存在', 'zh-TW': '所選的戶不存在', en: 'The chosen household does not exist' },
  'household.region_level': {
    'zh-CN': '请选择您所在的村（社区）或网格',
    'zh-TW': '請選擇您所在的村（社區）或網格',
    en: 'Choose your village, community or grid',
  },
  'household.region_mismatch': {
    'zh-CN': '该户不在所选的村（社区）',
    'zh-TW': '該戶不在所選的村（社區）',
    en: 'This household is not in the chosen village or community',
  },
  'household.already_member': {
    'zh-CN': '您已在该户中（或申请正在审核）',
    'zh-TW': '您已在該戶中（或申請正在審核）',
    en: 'You already belong to this household (or your request is being checked)',
  },
  'household.already_in_village': {
    'zh-CN': '您在该村（社区）已有一户登记或申请',
    'zh-TW': '您在該村（社區）已有一戶登記或申請',
    en: 'You already have a household (or a request) in this village or community',
  },
  'household.member_not_found': {
    'zh-CN': '此人不是该户成员',
    'zh-TW': '此人不是該戶成員',
    en: 'This person is not a member of the household',
  },
  'household.not_pending': {
    'zh-CN': '该申请已处理过了',
    'zh-TW': '該申請已處理過了',
    en: 'This request has already been decided',
  },
  'household.own_membership': {
    'zh-CN': '不能审核自己的入户申请',
    'zh-TW': '不能審核自己的入戶申請',
    en: 'You cannot verify your own membership',
  },
  'household.representative_not_verified': {
    'zh-CN': '户代表须是已核实的本户成员',
    'zh-TW': '戶代表須是已核實的本戶成員',
    en: 'The representative must be a verified member of the household',
  },
  'household.address_blank': { 'zh-CN': '请填写门牌地址', 'zh-TW': '請填寫門牌地址', en: 'Please enter the address' },
  'household.relation_blank': {
    'zh-CN': '请填写与户主的关系',
    'zh-TW': '請填寫與戶主的關係',
    en: 'Please enter your relation to the head of the household',
  },
} as const satisfies Catalogue;
