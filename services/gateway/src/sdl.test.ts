import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { printSchemaFile } from './sdl';

it('the committed schema.graphql matches the code (run `npm run schema:emit`)', async () => {
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(committed).toBe(await printSchemaFile());
});
