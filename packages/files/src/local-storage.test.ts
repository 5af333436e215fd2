import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChecksumMismatchError, LocalFileStorage, StorageKeyError } from './index';

let dir: string;
let storage: LocalFileStorage;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thidua-files-'));
  storage = new LocalFileStorage(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the local disk storage', () => {
  it('stores, reads back, tells whether a key exists and deletes', async () => {
    const stored = await storage.put('p1/a1', Buffer.from('Báo cáo thành tích'), {
      contentType: 'text/plain',
    });
    expect(stored).toEqual({
      size: Buffer.byteLength('Báo cáo thành tích'),
      sha256: sha('Báo cáo thành tích'),
    });
    expect(await storage.exists('p1/a1')).toBe(true);
    expect(await text((await storage.get('p1/a1'))!)).toBe('Báo cáo thành tích');
    await storage.delete('p1/a1');
    expect(await storage.exists('p1/a1')).toBe(false);
    expect(await storage.get('p1/a1')).toBeNull();
    await storage.delete('p1/a1'); // again: not an error
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    await storage.put('p2/a', Buffer.from('first'), { contentType: 'text/plain' });
    await storage.put('p2/a', Buffer.from('second'), { contentType: 'text/plain' });
    expect(await text((await storage.get('p2/a'))!)).toBe('second');
    expect(await readdir(join(dir, 'p2'))).toEqual(['a']);
  });

  it('refuses bytes that do not match the expected checksum, storing nothing', async () => {
    await expect(
      storage.put('p3/a', Buffer.from('altered'), { contentType: 'text/plain', sha256: sha('original') }),
    ).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect(await storage.exists('p3/a')).toBe(false);
  });

  it('refuses keys that could leave its directory', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'a//b', '', 'a\0b'])
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(
        StorageKeyError,
      );
  });
});
