import { LocalFileStorage } from './local-storage';
import { S3FileStorage } from './s3-storage';
import type { FileStorage } from './storage';

export * from './storage';
export { LocalFileStorage } from './local-storage';
export { S3FileStorage, type S3Options } from './s3-storage';

/** The storage the configuration names (FILES_BACKEND and its settings, read by @thidua/config). */
export function createFileStorage(cfg: {
  FILES_BACKEND: 'local' | 's3';
  FILES_DIR: string;
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY?: string;
  S3_SECRET_KEY?: string;
}): FileStorage {
  if (cfg.FILES_BACKEND === 'local') return new LocalFileStorage(cfg.FILES_DIR);
  return new S3FileStorage({
    endpoint: cfg.S3_ENDPOINT,
    region: cfg.S3_REGION,
    bucket: cfg.S3_BUCKET!,
    accessKeyId: cfg.S3_ACCESS_KEY!,
    secretAccessKey: cfg.S3_SECRET_KEY!,
  });
}
