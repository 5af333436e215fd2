import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { buildTemplateDatabase, dropDatabase, dropStaleTestDatabases } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/** One migrated template per run; every test file clones its own database from it. */
export default async function setup(project: TestProject) {
  await dropStaleTestDatabases();
  const template = await buildTemplateDatabase();
  project.provide('templateDatabase', template);
  return async () => dropDatabase(template);
}
