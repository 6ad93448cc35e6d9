import type { Catalogue } from '../catalogue.js';

/** Messages of the identity module (sign-in and account security). */
export const identityMessages = {
  // One message for an unknown account and a wrong password: never reveal which.
  'identity.sign_in_failed': { 'zh-CN': '账号或密码不正确', 'zh-TW': '帳號或密碼不正確', en: 'The account or password is incorrect' },
  'identity.locked': {
    'zh-CN': '密码连续输错次数过多，账号已锁定，请于 {until}（北京时间，约 {minutes} 分钟后）再试',
    'zh-TW': '密碼連續輸錯次數過多，帳號已鎖定，請於 {until}（北京時間，約 {minutes} 分鐘後）再試',
    en: 'Too many wrong passwords: the account is locked. Try again after {until} Beijing time (in about {minutes} minutes)',
  },
  'identity.rate_limited': {
    'zh-CN': '尝试次数太多，请 {seconds} 秒后再试',
    'zh-TW': '嘗試次數太多，請 {seconds} 秒後再試',
    en: 'Too many attempts; try again in {seconds} seconds',
  },
  'identity.account_disabled': {
    'zh-CN': '该账号已停用，如有疑问请联系管理员',
    'zh-TW': '該帳號已停用，如有疑問請聯絡管理員',
    en: 'This account has been disabled; contact an administrator',
  },
  'identity.password_too_short': {
    'zh-CN': '{field}至少需要 {min} 位',
    'zh-TW': '{field}至少需要 {min} 位',
    en: '{field} must be at least {min} characters long',
  },
  'identity.password_too_simple': {
    'zh-CN': '{field}需包含小写字母、大写字母、数字、符号中的至少三种',
    'zh-TW': '{field}需包含小寫字母、大寫字母、數字、符號中的至少三種',
    en: '{field} must contain at least three of: lower-case letters, upper-case letters, digits, symbols',
  },
  'identity.password_contains_identity': {
    'zh-CN': '{field}不能包含手机号或用户名',
    'zh-TW': '{field}不能包含手機號碼或使用者名稱',
    en: '{field} must not contain the phone number or user name',
  },
  'identity.password_same': {
    'zh-CN': '新密码不能与当前密码相同',
    'zh-TW': '新密碼不能與目前密碼相同',
    en: 'The new password must differ from the current one',
  },
  'identity.current_password_wrong': { 'zh-CN': '当前密码不正确', 'zh-TW': '目前密碼不正確', en: 'The current password is incorrect' },
  'identity.no_password': {
    'zh-CN': '该账号尚未设置密码，请使用短信验证码登录',
    'zh-TW': '該帳號尚未設定密碼，請使用簡訊驗證碼登入',
    en: 'This account has no password; sign in with a text-message code',
  },
  'identity.phone_invalid': {
    'zh-CN': '请输入正确的 11 位手机号',
    'zh-TW': '請輸入正確的 11 位手機號碼',
    en: 'Enter a valid 11-digit mainland mobile number',
  },
  'identity.phone_taken': { 'zh-CN': '该手机号已被其他账号使用', 'zh-TW': '該手機號碼已被其他帳號使用', en: 'This phone number belongs to another account' },
  'identity.otp_too_soon': {
    'zh-CN': '验证码已发送，请 {seconds} 秒后再重新获取',
    'zh-TW': '驗證碼已發送，請 {seconds} 秒後再重新取得',
    en: 'A code was just sent; you can ask again in {seconds} seconds',
  },
  'identity.otp_daily_limit': {
    'zh-CN': '该手机号今天获取验证码的次数已达上限，请 {hours} 小时后再试',
    'zh-TW': '該手機號碼今天取得驗證碼的次數已達上限，請 {hours} 小時後再試',
    en: 'This phone number has asked for too many codes today; try again in {hours} hours',
  },
  'identity.otp_missing': { 'zh-CN': '请先获取验证码', 'zh-TW': '請先取得驗證碼', en: 'Ask for a code first' },
  'identity.otp_expired': {
    'zh-CN': '验证码已过期（有效期 5 分钟），请重新获取',
    'zh-TW': '驗證碼已過期（有效期 5 分鐘），請重新取得',
    en: 'The code has expired (codes last 5 minutes); ask for a new one',
  },
  'identity.otp_wrong': {
    'zh-CN': '验证码不正确，还可以再试 {remaining} 次',
    'zh-TW': '驗證碼不正確，還可以再試 {remaining} 次',
    en: 'The code is incorrect; {remaining} tries left',
  },
  'identity.otp_burned': {
    'zh-CN': '验证码输错次数过多，已失效，请重新获取',
    'zh-TW': '驗證碼輸錯次數過多，已失效，請重新取得',
    en: 'Too many wrong codes: this code no longer works; ask for a new one',
  },
  'identity.sms_otp': {
    'zh-CN': '【连心】您的登录验证码是 {code}，5 分钟内有效。工作人员不会向您索要验证码，请勿告诉他人。',
    'zh-TW': '【連心】您的登入驗證碼是 {code}，5 分鐘內有效。工作人員不會向您索取驗證碼，請勿告訴他人。',
    en: '[Lianxin] Your sign-in code is {code}, valid for 5 minutes. Staff will never ask for it; do not share it.',
  },
} as const satisfies Catalogue;
