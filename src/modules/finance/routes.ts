/** Finance endpoints: post a collection, read a case's account. */
import { Type } from 'typebox';
import { isCalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { AccountViewSchema, NewCollectionSchema } from './contract';
import { accountOf, postCollection } from './service';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

export async function financeRoutes(app: ConcordApp): Promise<void> {
  const tags = ['finance'];
  app.post(
    '/api/cases/:id/collections',
    {
      schema: {
        tags,
        summary: 'Post a collection (idempotent by receipt id: 201 when new, 200 when already posted)',
        params,
        body: NewCollectionSchema,
        response: { 200: Type.Object({ isNew: Type.Boolean() }), 201: Type.Object({ isNew: Type.Boolean() }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await inRequestTransaction(request, (tx, actor) => postCollection(tx, actor, request.params.id, request.body));
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
  app.get(
    '/api/cases/:id/account',
    {
      schema: {
        tags,
        summary: "A case's account as of a date: balances and the month-by-month audit, replayed from its sources",
        params,
        querystring: Type.Object({ asOf: Type.Optional(Type.String({ format: 'date' })) }),
        response: { 200: AccountViewSchema, ...commonErrorResponses },
      },
    },
    (request) => {
      const asOf = request.query.asOf ?? new Date().toISOString().slice(0, 10);
      if (!isCalendarDate(asOf))
        throw new AppError('validation', 'as_of_is_not_a_date', `asOf ${asOf} is not a calendar date.`, [{ path: 'querystring/asOf', message: 'YYYY-MM-DD' }]);
      return inRequestTransaction(request, (tx, actor) => accountOf(tx, actor, request.params.id, asOf));
    },
  );
}
