import type { TestProject } from 'vitest/node';
import { createTemplate, dropTemplate, type TemplateRef } from '../src/platform/db/test-template';
import { prepareDatabase } from '../src/setup';

declare module 'vitest' {
  export interface ProvidedContext {
    template: TemplateRef;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await createTemplate(process.env.DATABASE_URL || null, prepareDatabase);
  project.provide('template', template);
  return () => dropTemplate(template);
}
