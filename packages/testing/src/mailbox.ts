import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test process, on a free port of 127.0.0.1; it keeps what it receives. */
export class Mailbox {
  readonly messages: { to: string[]; raw: string }[] = [];
  private server?: SMTPServer;
  constructor(readonly port: number) {}

  /** A mailbox listening on a free port; SMTP_URL for the app is `mailbox.url`. */
  static async start(): Promise<Mailbox> {
    const mailbox = new Mailbox(await freePort());
    await mailbox.start();
    return mailbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString(),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  to(address: string) {
    return this.messages.filter((m) => m.to.includes(address));
  }
}

/** The decoded text part of a message (sent base64-encoded). */
export function textOf(raw: string): string {
  const part = raw.split(/--[^\r\n]+\r?\n/).find((p) => /Content-Type: text\/plain/i.test(p))!;
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(body, 'base64').toString('utf8');
}

/** A header's raw value, each folded line (RFC 5322) on a line of its own; undefined when the message has none. */
export function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!;
  const value = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1];
  return value?.replace(/\r?\n[ \t]/g, '\n').replace(/^\n/, '');
}

/** The decoded subject of a message (RFC 2047 encoded words joined). */
export function subjectOf(raw: string): string {
  return (headerOf(raw, 'Subject') ?? '')
    .split('\n')
    .map((w) =>
      w.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
        enc.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, '%$1')),
      ),
    )
    .join('')
    .replace(/\?=\s*=\?/g, '');
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
