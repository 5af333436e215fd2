import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaFile } from '../sdl';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(target, await printSchemaFile());
console.log(`Wrote ${target}`);
