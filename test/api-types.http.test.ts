/** The web app's typed client is only as true as its generated types: they must match the routes as they are. */
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { apiTypesFile, generateApiTypes } from '../scripts/api-types';

it('web/src/api/schema.ts is generated from the current OpenAPI document (run `npm run api:types` after changing a route)', async () => {
  const generated = await generateApiTypes();
  expect(generated).toContain("'/api/claims/{id}/workflow'");
  expect(generated === fs.readFileSync(apiTypesFile, 'utf8'), 'web/src/api/schema.ts is stale: run `npm run api:types`').toBe(true);
}, 120_000);
