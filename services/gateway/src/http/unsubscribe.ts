import type { IncomingMessage, ServerResponse } from 'node:http';
import { notificationRepository, provinceRepository, runInTransaction, userRepository } from '@thidua/db';
import {
  escapeHtml,
  isNotificationEvent,
  notificationEventLabel,
  readUnsubscribeToken,
  type ProvinceKind,
} from '@thidua/domain';
import type { DataSource } from 'typeorm';

const REFUSED = {
  expired: ['Liên kết này đã hết hạn.', 'This link has expired.'],
  invalid: [
    'Liên kết này không hợp lệ hoặc không còn dùng được.',
    'This link is not valid or no longer works.',
  ],
} as const;

const SETTINGS = '/notifications/preferences';

/**
 * The link in every email, which works without signing in for the one person, event and channel it names.
 * Opening it (GET) only asks: mail scanners open links, and must not unsubscribe anyone. The button posts back to
 * the same address, and that turns the emails off.
 */
export async function unsubscribe(
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  deps: { dataSource: DataSource; secret: string },
): Promise<void> {
  req.resume();
  const read = readUnsubscribeToken(url.searchParams.get('token') ?? '', deps.secret);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  if (!read.ok) {
    // Fails closed (links of the first scheme included), with the way that always works.
    res.statusCode = read.reason === 'expired' ? 410 : 400;
    const [vi, en] = REFUSED[read.reason];
    return void res.end(
      page(
        'Không dùng được liên kết',
        `<p>${vi} Hãy đăng nhập và tắt loại thư này trong <a href="${SETTINGS}">Cài đặt thông báo</a>.</p>` +
          `<p lang="en" class="en">${en} Sign in and turn these emails off in your notification settings.</p>`,
      ),
    );
  }
  const { userId, event, channel, place } = read.unsubscribe;
  const [vi, en] = isNotificationEvent(event)
    ? notificationEventLabel(event, place ?? (await placeKindOf(deps.dataSource, userId)))
    : [event, event];
  const what = `“${escapeHtml(vi)}”`;
  res.statusCode = 200;
  if (req.method !== 'POST')
    return void res.end(
      page(
        'Ngừng nhận thư thông báo',
        `<p>Ngừng nhận thư điện tử về ${what}? Thông báo trong ứng dụng vẫn được giữ.</p>` +
          `<form method="post" action="${escapeHtml(url.pathname + url.search)}">` +
          `<button type="submit">Ngừng nhận loại thư này</button></form>` +
          `<p lang="en" class="en">Stop the emails about “${escapeHtml(en)}”? In-app notices stay.</p>`,
      ),
    );
  await runInTransaction(deps.dataSource, null, () =>
    notificationRepository.setPreference(userId, event, channel, false),
  );
  res.end(
    page(
      'Đã ngừng nhận thư',
      `<p>Bạn sẽ không nhận thư điện tử về ${what} nữa. Thông báo trong ứng dụng vẫn được giữ.</p>` +
        `<p>Muốn nhận lại, hãy bật trong <a href="${SETTINGS}">Cài đặt thông báo</a>.</p>` +
        `<p lang="en" class="en">You will no longer receive emails about “${escapeHtml(en)}”. Turn them on again in your notification settings.</p>`,
    ),
  );
}

/**
 * For links written before they carried the event's place (they expire within UNSUBSCRIBE_TTL_DAYS): a guess
 * from the person's roles, "thành phố" when every province the person serves is a city.
 */
async function placeKindOf(dataSource: DataSource, userId: string): Promise<ProvinceKind> {
  const provinces = await runInTransaction(dataSource, null, async () => {
    const ids = (await userRepository.rolesOf([userId])).flatMap((r) => (r.provinceId ? [r.provinceId] : []));
    return provinceRepository.byIds([...new Set(ids)]);
  });
  return provinces.length && provinces.every((p) => p.kind === 'CITY') ? 'CITY' : 'PROVINCE';
}

/** A small page of its own, readable on a phone (the web application's colours, no script). */
function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title} – Thi đua – Khen thưởng</title><style>` +
    'body{font:1.0625rem/1.5 system-ui,sans-serif;color:#1c1f24;background:#f6f5f2;margin:0;padding:1.5rem 1rem}' +
    'main{max-width:34rem;margin:0 auto;background:#fff;border:1px solid #d6d2c9;border-radius:10px;padding:1.25rem}' +
    'h1{font-size:1.35rem;margin:0 0 .75rem}a{color:#1a56db}.en{color:#525862;font-size:.95rem}' +
    'button{min-height:44px;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:#8f1d1d;' +
    'border:0;border-radius:8px;cursor:pointer}button:focus-visible{outline:3px solid #1a56db;outline-offset:2px}' +
    `</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`
  );
}
