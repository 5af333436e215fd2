import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runInTenant } from '@thidua/db';
import { verifyWebhookSignature } from '@thidua/domain';
import { notify } from '@thidua/worker';
import {
  createAccount,
  createLockedBlock,
  openBlockVote,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

/** A receiver on this machine that answers with the statuses it is told, in turn, and keeps every request. */
class Receiver {
  readonly requests: { headers: Record<string, string>; body: string }[] = [];
  private server!: Server;
  constructor(private readonly answers: number[]) {}
  /** From now on, answer with `status`. */
  answerWith(status: number) {
    this.answers.splice(0, this.answers.length, status);
  }
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString(),
        });
        res.statusCode = this.answers.length > 1 ? this.answers.shift()! : this.answers[0]!;
        res.end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/thidua`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

let app: TestApp;
let province: string;
let admin: Account;
let block: LockedBlock;
let periodId: string;
const receivers: Receiver[] = [];

const as = <T = Record<string, unknown>>(
  who: Account,
  q: string,
  v?: Record<string, unknown>,
  p = province,
) => app.gql<T>(q, v, { token: who.token, provinceId: p });
const SUBSCRIBE = `mutation($v: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $v) { secret subscription { id } } }`;
type Deliveries = {
  webhookDeliveries: {
    id: string;
    status: string;
    attempts: number;
    idempotencyKey: string;
    attemptLog: { statusCode: number | null }[];
  }[];
};
const DELIVERIES = `query($s: ID) { webhookDeliveries(subscriptionId: $s) { id status attempts idempotencyKey attemptLog { statusCode } } }`;

async function subscribe(answers: number[], who = admin, p = province) {
  const receiver = new Receiver(answers);
  receivers.push(receiver);
  const url = await receiver.start();
  const created = ok(
    await as<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
      who,
      SUBSCRIBE,
      { v: { url, events: ['VOTING_CLOSED'] } },
      p,
    ),
  );
  return {
    receiver,
    secret: created.createWebhookSubscription.secret,
    id: created.createWebhookSubscription.subscription.id,
  };
}

const fire = (occurrence: string) =>
  runInTenant(app.dataSource, province, () =>
    notify({ provinceId: province, event: 'voting.closed', subjectId: periodId, occurrence }),
  );

beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    worker: true,
    config: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_MAX_ATTEMPTS: '3' },
  });
  province = await provinceId(app.dataSource, '12'); // Lai Châu
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createLockedBlock(
    app,
    province,
    ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Báo Lai Châu'],
    admin,
  );
  periodId = (await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin)).id;
});
afterAll(async () => {
  await app?.close();
  await Promise.all(receivers.map((r) => r.stop()));
});

describe('webhooks', () => {
  it('a receiver answering 500 then 200: retried with backoff, delivered once, the signature verifies', async () => {
    const { receiver, secret, id } = await subscribe([500, 200]);
    await fire('first');
    await vi.waitFor(
      async () =>
        expect(ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries[0]?.status).toBe(
          'DELIVERED',
        ),
      { timeout: 20_000, interval: 100 },
    );
    const [delivery] = ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries;
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(receiver.requests).toHaveLength(2);
    const last = receiver.requests[1]!;
    expect(
      verifyWebhookSignature(
        secret,
        last.headers['x-thidua-timestamp']!,
        last.body,
        last.headers['x-thidua-signature']!,
      ),
    ).toBe(true);
    expect(last.headers['x-thidua-idempotency-key']).toBe(delivery!.idempotencyKey);
    expect(JSON.parse(last.body)).toEqual({
      event: 'voting.closed',
      provinceId: province,
      subjectId: periodId,
      occurrence: 'first',
    });

    // The same event again is not a new delivery.
    await fire('first');
    expect(ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries).toHaveLength(1);
  });

  it('a receiver that keeps failing ends dead-lettered; an admin retries it', async () => {
    const { receiver, id } = await subscribe([503]);
    await fire('second');
    await vi.waitFor(
      async () =>
        expect(ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries[0]?.status).toBe(
          'DEAD',
        ),
      { timeout: 30_000, interval: 200 },
    );
    expect(receiver.requests).toHaveLength(3);

    receiver.answerWith(204);
    const [dead] = ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries;
    ok(await as(admin, `mutation($id: ID!) { retryWebhookDelivery(id: $id) }`, { id: dead!.id }));
    await vi.waitFor(
      async () =>
        expect(ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries[0]?.status).toBe(
          'DELIVERED',
        ),
      { timeout: 20_000, interval: 100 },
    );
    expect(
      ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries[0]!.attemptLog.map(
        (a) => a.statusCode,
      ),
    ).toEqual([503, 503, 503, 204]);
  });

  it("one province's subscriptions never receive another's events", async () => {
    const other = await provinceId(app.dataSource, '11'); // Điện Biên
    const otherAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: other });
    const { receiver } = await subscribe([200], otherAdmin, other);
    await fire('third');
    // Lai Châu's own subscriptions receive it (first one) ...
    await vi.waitFor(() => expect(receivers[0]!.requests.length).toBe(3), { timeout: 20_000, interval: 100 });
    // ... Điện Biên's never does.
    expect(receiver.requests).toHaveLength(0);
    const theirs = ok(await as<Deliveries>(otherAdmin, DELIVERIES, {}, other)).webhookDeliveries;
    expect(theirs).toEqual([]);
  });

  it('refuses private targets unless configured, and a unit officer cannot subscribe', async () => {
    const officer = block.officers[0]!;
    const res = await as(officer, SUBSCRIBE, {
      v: { url: 'https://hooks.example.vn/thidua', events: ['VOTING_OPENED'] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await as(admin, SUBSCRIBE, { v: { url: 'ftp://example.vn', events: ['VOTING_OPENED'] } });
    expect(bad.errors?.[0]?.message).toMatch(/^url: /);
  });
});

describe('webhook targets, with private networks not allowed (the production default)', () => {
  it('refuses loopback, private and link-local targets, naming the field', async () => {
    const strict = await startTestApp({ template: inject('templateDatabase') });
    try {
      const p = await provinceId(strict.dataSource, '12');
      const a = await createAccount(strict, 'PROVINCE_ADMIN', { provinceId: p });
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://10.0.0.7/hook',
        'http://169.254.169.254/latest',
        'http://localhost/hook',
      ]) {
        const res = await strict.gql(
          SUBSCRIBE,
          { v: { url, events: ['VOTING_CLOSED'] } },
          { token: a.token, provinceId: p },
        );
        expect(res.errors?.[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.message).toMatch(/^url: .* private or loopback address/);
      }
    } finally {
      await strict.close();
    }
  });
});
