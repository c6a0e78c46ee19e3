/** The insurer registry: partner organisations in the programme with NAIC code, FEIN, lines and channel. */
import { asc, eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, partnerScope, requireSignedIn } from '../../platform/auth/scope';
import { partners } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import { interceptInsurers } from './schema';

export const linesOfBusiness = ['life', 'annuity', 'disability', 'liability', 'auto', 'workers_compensation'] as const;

export const NewInsurerSchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    naicCode: Type.String({ pattern: '^\\d{5}$', description: 'NAIC company code, five digits' }),
    fein: Type.String({ pattern: '^\\d{2}-?\\d{7}$' }),
    linesOfBusiness: Type.Array(Type.Enum(linesOfBusiness), { minItems: 1, uniqueItems: true }),
    channel: Type.Enum(['direct', 'cro'] as const),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 40 })),
    isLicensed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewInsurer = Static<typeof NewInsurerSchema>;

export const InsurerViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  naicCode: Type.String(),
  fein: Type.String(),
  linesOfBusiness: Type.Array(Type.String()),
  channel: Type.String(),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactEmail: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()]),
  isLicensed: Type.Boolean(),
});
export type InsurerView = Static<typeof InsurerViewSchema>;

/** Registers an insurer (and its partner organisation), or updates it by NAIC code. */
export async function registerInsurer(tx: Tx, actor: Actor, input: NewInsurer): Promise<InsurerView> {
  authorize(actor, 'intercept.manage');
  const [existing] = await tx.select().from(interceptInsurers).where(eq(interceptInsurers.naicCode, input.naicCode));
  const partnerId = existing?.partnerId ?? (await tx.insert(partners).values({ name: input.name, kind: 'insurer' }).returning({ id: partners.id }))[0]!.id;
  if (existing) await tx.update(partners).set({ name: input.name }).where(eq(partners.id, partnerId));
  const values = {
    partnerId,
    naicCode: input.naicCode,
    fein: input.fein.replace('-', ''),
    linesOfBusiness: input.linesOfBusiness,
    channel: input.channel,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    isLicensed: input.isLicensed ?? true,
  };
  await tx.insert(interceptInsurers).values(values).onConflictDoUpdate({ target: interceptInsurers.partnerId, set: values });
  await recordAudit(tx, actor, {
    action: existing ? 'intercept.insurer.update' : 'intercept.insurer.register',
    entityType: 'partner',
    entityId: partnerId,
    after: input,
  });
  return { id: partnerId, name: input.name, ...values };
}

/** Insurers: every one for state staff, only its own for an insurer partner. */
export async function listInsurers(tx: Tx, actor: Actor): Promise<InsurerView[]> {
  requireSignedIn(actor);
  const rows = await tx
    .select({ insurer: interceptInsurers, name: partners.name })
    .from(interceptInsurers)
    .innerJoin(partners, eq(partners.id, interceptInsurers.partnerId))
    .where(partnerScope(actor, interceptInsurers.partnerId))
    .orderBy(asc(partners.name));
  return rows.map(({ insurer, name }) => ({ id: insurer.partnerId, name, ...insurer }));
}

/** Links an existing partner organisation (e.g. a demo insurer account's) to the registry. */
export async function ensureInsurer(tx: Tx, partnerId: string, values: Omit<typeof interceptInsurers.$inferInsert, 'partnerId'>): Promise<void> {
  await tx
    .insert(interceptInsurers)
    .values({ partnerId, ...values })
    .onConflictDoNothing();
}
