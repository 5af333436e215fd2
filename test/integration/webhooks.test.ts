import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runInTenant, webhookRepository } from '@thidua/db';
import { verifyWebhookSignature, type WebhookResolver } from '@thidua/domain';
import { notify, sendWebhook } from '@thidua/worker';
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
  async start(host = '127.0.0.1', port = 0): Promise<string> {
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
    await new Promise<void>((r) => this.server.listen(port, host, r));
    return `http://${host}:${(this.server.address() as AddressInfo).port}/hooks/thidua`;
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
    const after = ok(
      await as<{
        webhookDeliveries: {
          attemptLog: { statusCode: number | null; cause: string | null }[];
          lastAttempt: { statusCode: number | null; cause: string | null };
        }[];
      }>(
        admin,
        `query($s: ID) { webhookDeliveries(subscriptionId: $s) { attemptLog { statusCode cause } lastAttempt { statusCode cause } } }`,
        { s: id },
      ),
    ).webhookDeliveries[0]!;
    // Each failed answer is kept with its cause, for the page to say "the receiver answered HTTP 503".
    expect(after.attemptLog).toEqual([
      { statusCode: 503, cause: 'HTTP_STATUS' },
      { statusCode: 503, cause: 'HTTP_STATUS' },
      { statusCode: 503, cause: 'HTTP_STATUS' },
      { statusCode: 204, cause: null },
    ]);
    expect(after.lastAttempt).toEqual({ statusCode: 204, cause: null });
    // The log names the receiver and the delivery retried by their address, not by an id.
    const named = ok(
      await as<{ auditEvents: { nodes: { action: string; entityName: string | null }[] } }>(
        admin,
        `{ auditEvents(first: 50) { nodes { action entityName } } }`,
      ),
    ).auditEvents.nodes.filter((e) => e.action.startsWith('webhook.'));
    expect(named.map((e) => e.action)).toEqual(
      expect.arrayContaining(['webhook.subscribe', 'webhook.retry']),
    );
    for (const e of named) expect(e.entityName).toMatch(/^https?:\/\/127\.0\.0\.1:\d+/);
  });

  it('a test sent from the page reaches the receiver signed, each press its own delivery; only for this province', async () => {
    const { receiver, secret, id } = await subscribe([204]);
    const SEND = `mutation($id: ID!) { sendTestWebhook(subscriptionId: $id) { id event status } }`;
    const sent = ok(
      await as<{ sendTestWebhook: { id: string; event: string; status: string } }>(admin, SEND, { id }),
    ).sendTestWebhook;
    expect(sent).toMatchObject({ event: 'WEBHOOK_TEST', status: 'PENDING' });
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1), { timeout: 20_000, interval: 100 });
    const [request] = receiver.requests;
    expect(request!.headers['x-thidua-event']).toBe('webhook.test');
    expect(JSON.parse(request!.body)).toEqual({
      event: 'webhook.test',
      provinceId: province,
      subscriptionId: id,
    });
    expect(
      verifyWebhookSignature(
        secret,
        request!.headers['x-thidua-timestamp']!,
        request!.body,
        request!.headers['x-thidua-signature']!,
      ),
    ).toBe(true);
    await vi.waitFor(
      async () =>
        expect(ok(await as<Deliveries>(admin, DELIVERIES, { s: id })).webhookDeliveries[0]?.status).toBe(
          'DELIVERED',
        ),
      { timeout: 20_000, interval: 100 },
    );
    // A second press is a second delivery, with a key of its own: the receiver does not drop it as a repeat.
    ok(await as(admin, SEND, { id }));
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(2), { timeout: 20_000, interval: 100 });
    expect(receiver.requests[1]!.headers['x-thidua-idempotency-key']).not.toBe(
      request!.headers['x-thidua-idempotency-key'],
    );
    // A receiver that keeps failing: while its test is still being sent (and retried), another is refused.
    const failing = await subscribe([503]);
    ok(await as(admin, SEND, { id: failing.id }));
    const again = await as(admin, SEND, { id: failing.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/^A test event to this receiver is still being sent/);
    // Another province's secretariat, a unit officer, a removed receiver: refused, nothing sent.
    const hanoi = await provinceId(app.dataSource, '01');
    const other = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hanoi });
    const elsewhere = await as(other, SEND, { id }, hanoi);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const officer = await as(block.officers[0]!, SEND, { id });
    expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    ok(await as(admin, `mutation($id: ID!) { deleteWebhookSubscription(id: $id) }`, { id }));
    expect((await as(admin, SEND, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(receiver.requests).toHaveLength(2);
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
  it('refuses every non-public range at subscription, naming the field, and accepts public IPv4 and IPv6', async () => {
    const strict = await startTestApp({ template: inject('templateDatabase') });
    try {
      const p = await provinceId(strict.dataSource, '12');
      const a = await createAccount(strict, 'PROVINCE_ADMIN', { provinceId: p });
      const subscribeTo = (url: string) =>
        strict.gql<{ createWebhookSubscription: { subscription: { id: string } } }>(
          SUBSCRIBE,
          { v: { url, events: ['VOTING_CLOSED'] } },
          { token: a.token, provinceId: p },
        );
      for (const [url, range] of [
        ['http://127.0.0.1:8080/hook', 'loopback'],
        ['http://localhost/hook', 'loopback'],
        ['http://10.0.0.7/hook', 'private'],
        ['http://169.254.169.254/latest', 'link-local'],
        ['http://100.64.0.1/hook', 'carrier-grade NAT'],
        ['http://0.0.0.0/hook', 'unspecified'],
        ['http://198.18.0.1/hook', 'reserved \\(benchmarking'],
        ['http://198.19.255.254/hook', 'reserved \\(benchmarking'],
        ['http://192.0.2.10/hook', 'reserved'],
        ['http://240.0.0.1/hook', 'reserved'],
        ['http://224.0.0.251/hook', 'multicast'],
        ['http://239.255.255.250:1900/hook', 'multicast'],
        ['http://255.255.255.255/hook', 'broadcast'],
        ['http://[::1]/hook', 'loopback'],
        ['http://[fd00::1]/hook', 'unique-local'],
        ['http://[fe80::1]/hook', 'link-local'],
        ['http://[ff02::1]/hook', 'multicast'],
        ['http://[2001:db8::1]/hook', 'reserved'],
        ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
        ['http://[64:ff9b::a00:1]/hook', 'NAT64'],
        ['http://[2002:7f00:1::1]/hook', '6to4'],
      ]) {
        const res = await subscribeTo(url!);
        expect(res.errors?.[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.message, url).toMatch(
          new RegExp(`^url: \\S+ is in an? ${range}.*: webhooks go to public endpoints only$`),
        );
      }
      // Public receivers, checked without connecting: an IPv6 literal and an IPv4 one.
      for (const url of ['https://[2001:ee0:4f0::1]:8443/hooks/thidua', 'https://203.113.131.1/hook']) {
        expect(ok(await subscribeTo(url)).createWebhookSubscription.subscription.id, url).toBeTruthy();
      }
      // A public receiver at a plain http:// address: its events would travel unencrypted, so it is refused
      // (allowed only with WEBHOOK_ALLOW_PRIVATE, as in this file's other tests and in development).
      const plain = await subscribeTo('http://203.113.131.1/hook');
      expect(plain.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(plain.errors?.[0]?.message).toBe(
        'url: must be an https:// URL: events are not sent unencrypted',
      );
    } finally {
      await strict.close();
    }
  });
});

describe('the sender resolves once and connects to the address it checked', () => {
  /** A subscription and a delivery recorded directly (no send job): only the test sends it. */
  async function delivery(url: string, key: string) {
    return runInTenant(app.dataSource, province, async () => {
      const sub = await webhookRepository.subscribe(url, ['year.closed'], admin.id);
      const [id] = await webhookRepository.record([
        { subscriptionId: sub.id, event: 'year.closed', idempotencyKey: key, payload: { test: key } },
      ]);
      return id!;
    });
  }
  const lastAttempt = async (id: string) => {
    const all = ok(
      await as<{
        webhookDeliveries: { id: string; lastAttempt: { error: string | null; cause: string | null } }[];
      }>(admin, `{ webhookDeliveries { id lastAttempt { error cause } } }`),
    ).webhookDeliveries;
    return all.find((d) => d.id === id)!.lastAttempt;
  };
  /** Answers `first` on the first lookup and `later` on every other: a rebinding name. */
  function rebinding(first: string, later: string) {
    const calls: string[] = [];
    const resolve: WebhookResolver = async (hostname) => {
      calls.push(hostname);
      return [{ address: calls.length === 1 ? first : later, family: 4 }];
    };
    return { resolve, calls };
  }

  it('DNS rebinding: the request goes to the first, checked answer, never to a second lookup', async () => {
    const checked = new Receiver([200]);
    const attacker = new Receiver([200]);
    receivers.push(checked, attacker);
    const port = Number(new URL(await checked.start('127.0.0.2')).port);
    await attacker.start('127.0.0.1', port);
    const id = await delivery(`http://rebind.test:${port}/hooks/thidua`, 'rebind-1');
    const { resolve, calls } = rebinding('127.0.0.2', '127.0.0.1');
    // Private addresses allowed here only so that no traffic leaves this machine: the pinning is the same.
    const result = await sendWebhook(
      { provinceId: province, deliveryId: id },
      {
        dataSource: app.dataSource,
        config: app.config,
        resolve,
      },
    );
    expect(result).toEqual({ sent: true, status: 'DELIVERED' });
    expect(calls).toEqual(['rebind.test']);
    expect(checked.requests).toHaveLength(1);
    expect(attacker.requests).toHaveLength(0);
    // The receiver sees its own name, not the address.
    expect(checked.requests[0]!.headers.host).toBe(`rebind.test:${port}`);
  });

  it('with private networks refused: a name answering a loopback address among public ones is refused unsent', async () => {
    const target = new Receiver([200]);
    receivers.push(target);
    const port = Number(new URL(await target.start()).port);
    const strict = { ...app.config, WEBHOOK_ALLOW_PRIVATE: false };
    const id = await delivery(`http://rebind.test:${port}/hooks/thidua`, 'rebind-2');
    const mixed: WebhookResolver = async () => [
      { address: '203.113.131.1', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(
      sendWebhook(
        { provinceId: province, deliveryId: id },
        { dataSource: app.dataSource, config: strict, resolve: mixed },
      ),
    ).rejects.toThrow(/webhook attempt 1 failed/);
    expect(await lastAttempt(id)).toEqual({
      error: expect.stringMatching(/refused: 127\.0\.0\.1 is in a loopback range/),
      cause: 'BLOCKED',
    });

    // A name that rebinds to loopback between the subscription's check and the send is refused at send.
    const { resolve } = rebinding('127.0.0.1', '203.113.131.1');
    await expect(
      sendWebhook(
        { provinceId: province, deliveryId: id },
        { dataSource: app.dataSource, config: strict, resolve },
      ),
    ).rejects.toThrow(/webhook attempt 2 failed/);
    expect((await lastAttempt(id)).error).toMatch(/refused: 127\.0\.0\.1/);
    expect(target.requests).toHaveLength(0);
  });

  it('a failed connection is logged with its cause: nothing listening, https to a plain http server; old rows read from their text', async () => {
    // Nothing listens on a port just closed: refused.
    const closed = new Receiver([200]);
    const port = Number(new URL(await closed.start()).port);
    await closed.stop();
    const refused = await delivery(`http://127.0.0.1:${port}/hooks/thidua`, 'cause-refused');
    const send = (id: string) =>
      sendWebhook(
        { provinceId: province, deliveryId: id },
        { dataSource: app.dataSource, config: app.config },
      );
    await expect(send(refused)).rejects.toThrow(/webhook attempt 1 failed/);
    expect(await lastAttempt(refused)).toEqual({
      error: expect.stringMatching(/ECONNREFUSED/),
      cause: 'REFUSED',
    });
    // An https:// address pointing at a server that speaks plain http: the secure connection fails (EPROTO).
    const plain = new Receiver([200]);
    receivers.push(plain);
    const plainPort = new URL(await plain.start()).port;
    const tls = await delivery(`https://127.0.0.1:${plainPort}/hooks/thidua`, 'cause-tls');
    await expect(send(tls)).rejects.toThrow(/webhook attempt 1 failed/);
    expect(await lastAttempt(tls)).toEqual({ error: expect.stringMatching(/EPROTO/), cause: 'TLS' });
    // An attempt logged before causes were kept (no cause in its row) has its cause read from its text.
    await runInTenant(app.dataSource, province, async () => {
      await webhookRepository.logAttempt(tls, {
        statusCode: null,
        error: 'Error: getaddrinfo ENOTFOUND hooks.example.vn',
        cause: null,
        durationMs: 3,
      });
    });
    expect(await lastAttempt(tls)).toEqual({
      error: 'Error: getaddrinfo ENOTFOUND hooks.example.vn',
      cause: 'DNS',
    });
  });
});
