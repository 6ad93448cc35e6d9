import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../platform/context.js';
import { PASSWORD_MAX_LENGTH } from './policy.js';

/** Request and response schemas of the identity routes (types are inferred from these). */

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
      /** On 423 and 429: when to try again. */
      retryAfterSeconds: Type.Optional(Type.Integer()),
      /** On 423: the end of the lockout (ISO 8601). */
      lockedUntil: Type.Optional(Type.String()),
    }),
  },
);

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  423: ErrorResponse,
  429: ErrorResponse,
};

export const UserSummary = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() });
export type UserSummary = Static<typeof UserSummary>;

const Phone = Type.String({ minLength: 1, maxLength: 20 });

export const PasswordSignInBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 64, description: 'phone number or user name' }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type PasswordSignInBody = Static<typeof PasswordSignInBody>;

export const SignInResponse = Type.Object({ user: UserSummary, csrfToken: Type.String() });

export const OtpRequestBody = Type.Object({ phone: Phone }, { additionalProperties: false });
export type OtpRequestBody = Static<typeof OtpRequestBody>;

export const OtpRequestResponse = Type.Object({ sent: Type.Literal(true), retryAfterSeconds: Type.Integer() });

export const OtpVerifyBody = Type.Object(
  {
    phone: Phone,
    code: Type.String({ pattern: '^[0-9]{6}$' }),
    name: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type OtpVerifyBody = Static<typeof OtpVerifyBody>;

export const OtpVerifyResponse = Type.Object({ user: UserSummary, csrfToken: Type.String(), isNew: Type.Boolean() });

export const Grant = Type.Object({
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  unitId: Type.String(),
  unitName: Type.String(),
  regionPrefix: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
});

export const MeResponse = Type.Object({
  user: Type.Object({
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    /** Masked: 138****5678. */
    phone: Type.Union([Type.String(), Type.Null()]),
    username: Type.Union([Type.String(), Type.Null()]),
    /** False for residents who only sign in by SMS code. */
    hasPassword: Type.Boolean(),
  }),
  grants: Type.Array(Grant),
  householdRegions: Type.Array(Type.String()),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});
export type MeResponse = Static<typeof MeResponse>;

export const NAME_MAX_LENGTH = 30;

export const UpdateMeBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH, description: 'the name others see (1–30 characters)' }) },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const OutboxItem = Type.Object({
  id: Type.Integer(),
  /** Masked: the demo page needs only enough to find one's own code. */
  phone: Type.String(),
  body: Type.String(),
  purpose: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type OutboxItem = Static<typeof OutboxItem>;

export const OutboxResponse = Type.Object({ items: Type.Array(OutboxItem) });

const NoContent = Type.Null({ description: 'No content' });

export const routeSchemas = {
  passwordSignIn: {
    tags: ['identity'],
    summary: 'Staff sign-in with phone or user name and password',
    body: PasswordSignInBody,
    response: { 200: SignInResponse, ...errors },
  },
  otpRequest: {
    tags: ['identity'],
    summary: 'Send a one-time sign-in code by SMS',
    body: OtpRequestBody,
    response: { 202: OtpRequestResponse, ...errors },
  },
  otpVerify: {
    tags: ['identity'],
    summary: 'Sign in (or register) with the SMS code',
    body: OtpVerifyBody,
    response: { 200: OtpVerifyResponse, ...errors },
  },
  me: { tags: ['identity'], summary: 'Who am I', security: [{ session: [] }], response: { 200: MeResponse, ...errors } },
  updateMe: {
    tags: ['identity'],
    summary: 'Change my name',
    security: [{ session: [] }],
    body: UpdateMeBody,
    response: { 200: MeResponse, ...errors },
  },
  signOut: { tags: ['identity'], summary: 'End this session', response: { 204: NoContent, ...errors } },
  signOutEverywhere: {
    tags: ['identity'],
    summary: 'End all my sessions',
    security: [{ session: [] }],
    response: { 204: NoContent, ...errors },
  },
  passwordChange: {
    tags: ['identity'],
    summary: 'Change my password (ends my other sessions)',
    security: [{ session: [] }],
    body: PasswordChangeBody,
    response: { 204: NoContent, ...errors },
  },
  devOutbox: {
    tags: ['identity'],
    summary: 'The latest 50 text messages (demo mode only)',
    response: { 200: OutboxResponse, ...errors },
  },
};
