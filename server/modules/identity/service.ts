/**
 * The identity module's use cases, for its routes, other modules and the CLI.
 * Each lives in a file of its own concern; this is the one place to import from.
 */
export { signInWithPassword, changePassword, setPassword, checkStrength, type SignedInResult, type SessionMeta } from './password-service.js';
export { requestOtp, verifyOtp, type OtpSignedInResult } from './otp-service.js';
export { currentAccount, updateAccount, signOut, signOutEverywhere, devOutbox, purgeStale } from './session-service.js';
export { createAdministrator, CITY_CODE, type NewAdministrator } from './admin-service.js';
export { generatePassword } from './passwords.js';
