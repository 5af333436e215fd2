import type { Config } from '@thidua/config';
import {
  emailRepository,
  notificationRepository,
  runInTenant,
  userRepository,
  webhookRepository,
} from '@thidua/db';
import {
  checkWebhookTarget,
  escapeHtml,
  unsubscribeToken,
  webhookFailureCause,
  webhookSignature,
  type CheckedWebhookTarget,
  type WebhookResolver,
} from '@thidua/domain';
import { enqueueJob, jobId, type JobPayload } from '@thidua/jobs';
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { provinceKindOf } from './notice';
import { noticeContent } from './notification-content';

/**
 * Turns an event into notifications for the people concerned (see notification-content.ts), per channel, minus those who turned the event off for that channel. Each
 * delivery has an idempotency key (event, subject, occurrence, recipient, channel) under a unique constraint, so
 * a retried or repeated job never notifies anyone twice. Emails are recorded here and sent by their own jobs, so
 * a failing mail server never holds up the in-app notices.
 */
export async function notify(p: JobPayload<'notify'>, deps?: { config: Config }) {
  const content = await noticeContent(p);
  if (!content) return { delivered: 0 };
  const { recipients, link } = content;
  // Each person reads their notice, and its e-mail, in the language they chose (Vietnamese unless English).
  const people = await userRepository.byIds(recipients);
  const locales = new Map(people.map((u) => [u.id, u.locale]));
  const localeOf = (userId: string) => locales.get(userId) ?? 'vi';
  const textFor = (userId: string) => (content.personal?.get(userId) ?? content)[localeOf(userId)];
  const prefs = await notificationRepository.preferences(recipients);
  const wants = (userId: string, channel: 'IN_APP' | 'EMAIL') =>
    !prefs.some((x) => x.userId === userId && x.event === p.event && x.channel === channel && !x.enabled);
  const key = (userId: string, channel: string) =>
    [p.event, p.subjectId, p.occurrence ?? '-', userId, channel].join(':');

  const delivered = await notificationRepository.deliver(
    recipients
      .filter((u) => wants(u, 'IN_APP'))
      .map((userId) => ({
        userId,
        event: p.event,
        subjectId: p.subjectId,
        ...textFor(userId),
        link,
        idempotencyKey: key(userId, 'IN_APP'),
        locale: localeOf(userId),
      })),
  );

  let emails = 0;
  const config = deps?.config;
  if (config?.SMTP_URL) {
    const base = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
    const users = people.filter((u) => wants(u.id, 'EMAIL'));
    const linksExpireAt = new Date(Date.now() + config.UNSUBSCRIBE_TTL_DAYS * 86_400_000);
    const place = await provinceKindOf(p.provinceId);
    const ids = await emailRepository.record(
      users.map((u) => {
        const token = unsubscribeToken(
          { userId: u.id, event: p.event, channel: 'EMAIL', place },
          config.UNSUBSCRIBE_SECRET,
          linksExpireAt,
        );
        const unsubscribe = `${base}/unsubscribe?token=${token}`;
        const { title, body } = textFor(u.id);
        const words = EMAIL_WORDS[u.locale];
        return {
          idempotencyKey: key(u.id, 'EMAIL'),
          userId: u.id,
          event: p.event,
          toAddress: u.email,
          subject: `[Thi đua] ${title}`,
          unsubscribeUrl: unsubscribe,
          textBody: `${words.dear} ${u.fullName},\n\n${body}\n${words.view}: ${base}${link}\n\n${words.stop}: ${unsubscribe}\n`,
          htmlBody:
            `<p>${words.dear} ${escapeHtml(u.fullName)},</p><p>${escapeHtml(body)}</p>` +
            `<p><a href="${escapeHtml(base + link)}">${words.details}</a></p>` +
            `<p><small><a href="${escapeHtml(unsubscribe)}">${words.stop}</a></small></p>`,
        };
      }),
    );
    for (const deliveryId of ids) {
      await enqueueJob(
        'send-email',
        { provinceId: p.provinceId, deliveryId },
        { jobId: jobId('send-email', p.provinceId, deliveryId) },
      );
    }
    emails = ids.length;
  }
  // Webhooks of the province subscribed to this event: ids only in the payload.
  const hooks = await webhookRepository.forEvent(p.event);
  const webhookIds = await webhookRepository.record(
    hooks.map((h) => ({
      subscriptionId: h.id,
      event: p.event,
      idempotencyKey: key(h.id, 'WEBHOOK'),
      payload: {
        event: p.event,
        provinceId: p.provinceId,
        subjectId: p.subjectId,
        occurrence: p.occurrence ?? null,
      },
    })),
  );
  for (const deliveryId of webhookIds) {
    await enqueueJob(
      'send-webhook',
      { provinceId: p.provinceId, deliveryId },
      { jobId: jobId('send-webhook', p.provinceId, deliveryId) },
    );
  }
  return { delivered, emails, webhooks: webhookIds.length };
}

/** A notice e-mail's own words, in the language its reader chose. */
const EMAIL_WORDS = {
  vi: { dear: 'Kính gửi', view: 'Xem', details: 'Xem chi tiết', stop: 'Ngừng nhận thư loại này' },
  en: { dear: 'Dear', view: 'Open', details: 'Open it', stop: 'Stop e-mails of this kind' },
} as const;

const transports = new Map<string, Transporter>();
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
/**
 * One SMTP transport per URL, for every email the worker sends. A mail server that accepts the connection and
 * then says nothing fails the send within a minute (nodemailer would wait up to ten minutes of silence), so a
 * stuck server does not hold a job, and a stopping worker, for long; timeouts in the URL's query win.
 */
export function transport(url: string): Transporter {
  return transports.get(url) ?? transports.set(url, createTransport({ url, ...SMTP_TIMEOUTS })).get(url)!;
}

export interface SendHooks {
  /** Test seam: runs after the server accepted the message, before SENT is recorded (a crash there). */
  afterSend?: () => void | Promise<void>;
}

/**
 * Sends one delivery at most once. PENDING → SENDING is committed before talking to the server; SENT after. A
 * refusal from the server puts it back to PENDING and the job retries with backoff. A delivery found in SENDING
 * was interrupted after possibly being sent: it is marked UNCERTAIN for an operator and not sent again.
 */
export async function sendEmail(
  p: JobPayload<'send-email'>,
  deps: { dataSource: DataSource; config: Config },
  hooks: SendHooks = {},
) {
  const { dataSource, config } = deps;
  const delivery = await runInTenant(dataSource, p.provinceId, () => emailRepository.claim(p.deliveryId));
  if (!delivery) {
    const state = await runInTenant(dataSource, p.provinceId, async () => {
      const d = await emailRepository.byId(p.deliveryId);
      if (d?.status === 'SENDING')
        await emailRepository.finish(d.id, 'UNCERTAIN', 'interrupted while sending: not sent again');
      return d?.status === 'SENDING' ? 'UNCERTAIN' : (d?.status ?? 'MISSING');
    });
    return { sent: false, state };
  }
  if (!config.SMTP_URL) throw new Error('SMTP_URL is not configured');
  try {
    await transport(config.SMTP_URL).sendMail({
      from: config.MAIL_FROM,
      to: delivery.toAddress,
      subject: delivery.subject,
      text: delivery.textBody,
      html: delivery.htmlBody,
      // The idempotency key also travels with the message, for receivers that deduplicate.
      messageId: `<${delivery.id}@thidua.vn>`,
      // Mail programs show their own "unsubscribe" for these; the one-click POST (RFC 8058) is the page's own.
      ...(delivery.unsubscribeUrl && { list: { unsubscribe: delivery.unsubscribeUrl } }),
      headers: {
        'X-Thidua-Idempotency-Key': delivery.idempotencyKey,
        ...(delivery.unsubscribeUrl && { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
      },
      textEncoding: 'base64',
    });
  } catch (error) {
    await runInTenant(dataSource, p.provinceId, () =>
      emailRepository.finish(delivery.id, 'PENDING', String(error)),
    );
    throw error;
  }
  await hooks.afterSend?.();
  await runInTenant(dataSource, p.provinceId, () => emailRepository.finish(delivery.id, 'SENT'));
  return { sent: true };
}

/** The system resolver, every address of the name (each one is checked). */
const systemResolver: WebhookResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Posts one webhook delivery, signed (HMAC-SHA256 over timestamp and body) and carrying its idempotency key so
 * the receiver can drop a repeat. Every attempt is logged. A non-2xx answer or an error is retried with backoff
 * (the job fails); after WEBHOOK_MAX_ATTEMPTS the delivery is dead-lettered for an admin to retry. The target is
 * checked again at send time (a name can be re-pointed after the subscription was checked): the name is resolved
 * once, every address checked, and the connection goes to the checked address, never to a second resolution
 * (DNS rebinding). `deps.resolve` replaces the system resolver (tests).
 */
export async function sendWebhook(
  p: JobPayload<'send-webhook'>,
  deps: { dataSource: DataSource; config: Config; resolve?: WebhookResolver },
) {
  const { dataSource, config } = deps;
  const d = await runInTenant(dataSource, p.provinceId, () => webhookRepository.pending(p.deliveryId));
  if (!d) return { sent: false };
  const attempts = d.attempts + 1;
  const started = performance.now();
  let statusCode: number | null = null;
  let error: unknown = null;
  try {
    const checked = await checkWebhookTarget(
      d.url,
      deps.resolve ?? systemResolver,
      config.WEBHOOK_ALLOW_PRIVATE,
    );
    if ('problem' in checked) throw new Error(`refused: ${checked.problem}`);
    const body = JSON.stringify(d.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    statusCode = await postTo(
      checked.target,
      {
        'content-type': 'application/json',
        'x-thidua-event': d.event,
        'x-thidua-idempotency-key': d.idempotencyKey,
        'x-thidua-timestamp': timestamp,
        'x-thidua-signature': webhookSignature(d.secret, timestamp, body),
      },
      body,
      config.WEBHOOK_TIMEOUT_MS,
    );
  } catch (e) {
    // Kept as raised: its code (ECONNREFUSED, EPROTO, …) says the cause better than its text.
    error = e;
  }
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const status = delivered ? 'DELIVERED' : attempts >= config.WEBHOOK_MAX_ATTEMPTS ? 'DEAD' : 'PENDING';
  await runInTenant(dataSource, p.provinceId, async () => {
    await webhookRepository.logAttempt(d.id, {
      statusCode,
      error: error === null ? null : String(error),
      // Why it failed, in one word for the page to say in its reader's language; the text stays for IT staff.
      cause: webhookFailureCause(statusCode, error),
      durationMs: Math.round(performance.now() - started),
    });
    await webhookRepository.settle(d.id, status, attempts);
  });
  if (status === 'PENDING')
    throw new Error(`webhook attempt ${attempts} failed: ${statusCode ?? String(error)}`);
  return { sent: delivered, status };
}

/**
 * POSTs to the checked address: the socket's lookup answers with it whatever the name, while the Host header
 * and the TLS server name (certificate check) stay the URL's host name. No agent: no pooled socket to another
 * address is reused, and redirects are not followed (a 3xx is a failed attempt).
 */
function postTo(
  target: CheckedWebhookTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const { url, hostname, address, family } = target;
  const pinned: LookupFunction = (_name, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        ...(isIP(hostname) ? {} : { servername: hostname }),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('error', () => {});
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
