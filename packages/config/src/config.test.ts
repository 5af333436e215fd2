import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const valid = {
  DATABASE_URL: 'postgres://thidua_app@127.0.0.1:5432/thidua',
  JWT_SECRET: 'x'.repeat(32),
  UNSUBSCRIBE_SECRET: 'u'.repeat(32),
  AUDIT_HMAC_KEY: 'a'.repeat(32),
};

describe('loadConfig', () => {
  it('names every missing or bad variable', () => {
    try {
      loadConfig({
        DATABASE_URL: '',
        JWT_SECRET: 'short',
        AUDIT_HMAC_KEY: '',
        AUDIT_HMAC_PREVIOUS_KEYS: `${'b'.repeat(32)},short`,
        PORT: 'eighty',
        REDIS_URL: 'http://x',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toContain('DATABASE_URL is required');
      expect(msg).toContain('JWT_SECRET: must be at least 32 characters');
      expect(msg).toContain('AUDIT_HMAC_KEY: must be at least 32 characters');
      expect(msg).toContain('AUDIT_HMAC_PREVIOUS_KEYS: each key must be at least 32 characters');
      expect(msg).toContain('PORT');
      expect(msg).toContain('REDIS_URL: must be a redis:// URL');
      expect(msg).toContain('UNSUBSCRIBE_SECRET is required');
    }
  });

  it('wants a key of its own for unsubscribe links', () => {
    expect(() => loadConfig({ ...valid, UNSUBSCRIBE_SECRET: valid.JWT_SECRET })).toThrow(
      /UNSUBSCRIBE_SECRET: must differ from JWT_SECRET/,
    );
    expect(loadConfig(valid).UNSUBSCRIBE_TTL_DAYS).toBe(60);
  });

  it('derives the owner URL from the application URL', () => {
    const cfg = loadConfig({ ...valid, DATABASE_OWNER_URL: '' });
    expect(cfg.DATABASE_OWNER_URL).toBe('postgres://thidua_owner@127.0.0.1:5432/thidua');
    expect(cfg.PORT).toBe(4000);
    expect(cfg.REDIS_URL).toBeUndefined();
    expect(cfg.AUDIT_HMAC_PREVIOUS_KEYS).toEqual([]);
    expect(
      loadConfig({ ...valid, AUDIT_HMAC_PREVIOUS_KEYS: `${'b'.repeat(32)}, ${'c'.repeat(40)}` })
        .AUDIT_HMAC_PREVIOUS_KEYS,
    ).toEqual(['b'.repeat(32), 'c'.repeat(40)]);
  });

  it('keeps files on the local disk by default and needs the bucket and keys for S3', () => {
    const cfg = loadConfig(valid);
    expect([cfg.FILES_BACKEND, cfg.FILES_DIR, cfg.ATTACHMENT_MAX_BYTES]).toEqual([
      'local',
      '.data/files',
      20971520,
    ]);
    expect(() => loadConfig({ ...valid, FILES_BACKEND: 's3', S3_BUCKET: 'thidua' })).toThrow(
      /S3_ACCESS_KEY is required when FILES_BACKEND=s3[^]*S3_SECRET_KEY is required/,
    );
  });
});
