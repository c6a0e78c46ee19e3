/** Sign-in, session, user and API-token shapes. No Node imports: the web app uses it. */
import { Type, type Static } from 'typebox';

export const roleNames = [
  'state_admin',
  'state_staff',
  'lcsa_admin',
  'lcsa_caseworker',
  'lcsa_finance',
  'lcsa_budget',
  'lcsa_auditor_controller',
  'trainer',
  'auditor',
  'insurer_partner',
  'title_escrow_partner',
  'parent',
] as const;

export const RoleSchema = Type.Enum(roleNames);

export const SignInSchema = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type SignIn = Static<typeof SignInSchema>;

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  roleLabel: Type.String(),
  lcsaId: Type.Union([Type.String(), Type.Null()]),
  partnerId: Type.Union([Type.String(), Type.Null()]),
  /** The language the person reads Concord in. */
  language: Type.String(),
  permissions: Type.Array(Type.String()),
});
export type User = Static<typeof UserSchema>;

export const SessionSchema = Type.Object({ user: UserSchema, csrfToken: Type.String() });
export type Session = Static<typeof SessionSchema>;

export const NewUserSchema = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 12, maxLength: 1024, description: 'At least 12 characters' }),
  role: RoleSchema,
  lcsaId: Type.Optional(Type.String()),
  partnerId: Type.Optional(Type.String({ format: 'uuid' })),
});
export type NewUser = Static<typeof NewUserSchema>;

export const NewApiTokenSchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
export const ApiTokenSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export const CreatedApiTokenSchema = Type.Object({ token: ApiTokenSchema, secret: Type.String({ description: 'Shown once' }) });

/** The header that carries the CSRF token on every state-changing request made with a session cookie. */
export const csrfHeader = 'x-csrf-token';
export const sessionCookie = 'concord_session';
