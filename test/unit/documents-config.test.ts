import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/app-config.js';

const S3 = { DOCUMENT_STORE: 's3', S3_BUCKET: 'ehc-documents', S3_REGION: 'eu-west-2' };

describe('The document store and virus scanner settings', () => {
  it('keeps files in PostgreSQL and scans nothing by default', () => {
    expect(loadConfig({}).documents).toEqual({ s3: undefined, clamd: undefined });
  });

  it('reads an S3-compatible store and a clamd address', () => {
    const { documents } = loadConfig({
      ...S3,
      S3_ENDPOINT: 'http://minio.council.example:9000/',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      CLAMD_URL: 'tcp://clamd.internal:3310',
    });
    expect(documents).toEqual({
      s3: { endpoint: 'http://minio.council.example:9000', bucket: 'ehc-documents', region: 'eu-west-2', credentials: { accessKeyId: 'key', secretAccessKey: 'secret' }, forcePathStyle: true },
      clamd: { host: 'clamd.internal', port: 3310, timeoutMs: 20_000 },
    });
    // Without keys, the SDK's own chain (an instance role) supplies them.
    expect(loadConfig(S3).documents.s3?.credentials).toBeUndefined();
  });

  it.each([
    [{ DOCUMENT_STORE: 'disk' }, /^Invalid configuration: DOCUMENT_STORE /],
    [{ DOCUMENT_STORE: 's3', S3_REGION: 'eu-west-2' }, /^Invalid configuration: S3_BUCKET is required when DOCUMENT_STORE is s3$/],
    [{ ...S3, S3_ACCESS_KEY_ID: 'key' }, /^Invalid configuration: S3_SECRET_ACCESS_KEY is required with the other/],
    [{ S3_BUCKET: 'ehc-documents' }, /^Invalid configuration: S3_BUCKET is set but DOCUMENT_STORE is not s3/],
    [{ ...S3, S3_ENDPOINT: 'minio:9000' }, /^Invalid configuration: S3_ENDPOINT must be the http\(s\) address/],
    [{ ...S3, S3_BUCKET: 'Advice_Files' }, /^Invalid configuration: S3_BUCKET must be a bucket name/],
    [{ CLAMD_URL: 'clamd.internal:3310' }, /^Invalid configuration: CLAMD_URL must be tcp:\/\/host:port/],
    [{ CLAMD_URL: 'tcp://clamd.internal:99999' }, /^Invalid configuration: CLAMD_URL has a port outside 1-65535$/],
    [{ CLAMD_TIMEOUT_MS: '0' }, /^Invalid configuration: CLAMD_TIMEOUT_MS /],
  ])('stops with one line naming the bad setting: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
