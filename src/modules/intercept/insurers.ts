/** The insurer registry: partner organisations in the programme with NAIC code, FEIN, lines and channel. */
import { Type, type Static } from 'typebox';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { insurerByNaic, insurersInScope, linkInsurer, savePartnerOrganisation, upsertInsurer } from './store';

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
  const existing = await insurerByNaic(tx, input.naicCode);
  const partnerId = await savePartnerOrganisation(tx, existing?.partnerId, input.name);
  const values = {
    naicCode: input.naicCode,
    fein: input.fein.replace('-', ''),
    linesOfBusiness: input.linesOfBusiness,
    channel: input.channel,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    isLicensed: input.isLicensed ?? true,
  };
  await upsertInsurer(tx, partnerId, values);
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
  const rows = await insurersInScope(tx, rowFilter(actor));
  return rows.map(({ insurer, name }) => ({ id: insurer.partnerId, name, ...insurer }));
}

/** Links an existing partner organisation (e.g. a demo insurer account's) to the registry. */
export { linkInsurer as ensureInsurer };
