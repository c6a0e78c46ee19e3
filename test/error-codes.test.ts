/**
 * Error codes are a union per module, merged into one: a code some module declares compiles, a code
 * nobody declared does not (checked by `npm run typecheck`), and the answer keeps the code as given.
 */
import { expect, expectTypeOf, it } from 'vitest';
import type { FinanceErrorCode } from '../src/modules/finance/index';
import type { InterceptErrorCode } from '../src/modules/intercept/index';
import { AppError, type ErrorCode, type PlatformErrorCode } from '../src/platform/errors';

it("accepts each module's declared codes and refuses any other", () => {
  expectTypeOf<InterceptErrorCode>().toExtend<ErrorCode>();
  expectTypeOf<FinanceErrorCode>().toExtend<ErrorCode>();
  expectTypeOf<PlatformErrorCode>().toExtend<ErrorCode>();
  expectTypeOf<'insurer_not_found'>().toExtend<ErrorCode>();
  expectTypeOf<'insurer_not_fuond'>().not.toExtend<ErrorCode>();
  expectTypeOf<string>().not.toExtend<ErrorCode>();
  // @ts-expect-error a code no module declares does not compile
  const typo = new AppError('not_found', 'insurer_not_fuond', 'No such insurer.');
  expect(typo.code).toBe('insurer_not_fuond');
});
