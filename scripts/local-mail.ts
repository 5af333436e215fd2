import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DATA_DIR } from './embedded-postgres';

export const MAIL_DIR = resolve(DATA_DIR, 'mail');

/**
 * Where nothing sends mail (no SMTP_URL), `npm start` keeps what the platform sends: an SMTP server on a free
 * port of 127.0.0.1 writes each message to .data/mail/ as an .eml file (opened by any mail program), so an
 * invitation or a password reset can be followed on one machine. Never for a deployment: those set SMTP_URL.
 */
export async function startLocalMail(): Promise<{ url: string; stop: () => Promise<void> }> {
  mkdirSync(MAIL_DIR, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        const file = resolve(
          MAIL_DIR,
          `${new Date().toISOString().replace(/[:.]/g, '-')}-${to.replace(/[^\w.@-]/g, '_')}.eml`,
        );
        writeFileSync(file, Buffer.concat(chunks));
        console.log(`Mail to ${to} kept in ${file}`);
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
