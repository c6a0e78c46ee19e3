/** The database and an open transaction are different types, so a service cannot be handed the database by mistake. */
import { expectTypeOf, it } from 'vitest';
import type { Db, Tx } from './connect';

it('an open transaction is a database handle, but the database is not an open transaction', () => {
  expectTypeOf<Tx>().toExtend<Db>();
  expectTypeOf<Db>().not.toExtend<Tx>();
});
