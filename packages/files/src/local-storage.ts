import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertKey, ChecksumMismatchError, type FileStorage, type StoredObject } from './storage';

/**
 * Files on the local disk under one directory (`.data/files` for `npm start` and the tests). A put writes a
 * temporary file beside the target, syncs it and renames it into place: a crash leaves the old file or the new
 * one, never half a file (at worst a `.tmp-` file, which no key names).
 */
export class LocalFileStorage implements FileStorage {
  readonly kind = 'local';
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    assertKey(key);
    return join(this.root, key);
  }

  async put(
    key: string,
    body: Buffer,
    opts: { contentType: string; sha256?: string },
  ): Promise<StoredObject> {
    const target = this.path(key);
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (opts.sha256 && opts.sha256 !== sha256) throw new ChecksumMismatchError(opts.sha256, sha256);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } catch (e) {
      await handle.close();
      await rm(temp, { force: true });
      throw e;
    }
    await handle.close();
    await rename(temp, target);
    // The rename itself is durable once the directory is synced.
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return { size: body.length, sha256 };
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.path(key);
    if (!(await this.exists(key))) return null;
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }
}
