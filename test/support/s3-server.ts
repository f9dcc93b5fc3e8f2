import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { freePort } from './free-port.js';

export const TEST_BUCKET = 'ehc-test-documents';

export interface TestS3 {
  /** The settings that point the application at this server. */
  env: Record<string, string>;
  /** The keys the bucket holds now. */
  keys(): Promise<string[]>;
  object(key: string): Promise<Buffer>;
  /** Deletes every object, between tests. */
  empty(): Promise<void>;
  /** Stops answering (connections are refused) until `start`, keeping what the bucket holds. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A real S3-compatible HTTP server (s3rver) in the test process, its bucket in a temporary folder. */
export async function startS3Server(): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'ehc-s3-'));
  const port = await freePort();
  let server: S3rver | undefined;
  /** Does nothing while it runs (s3rver's own listen would wait for ever on a port in use). */
  const start = async () => {
    if (server) return;
    const starting = new S3rver({ address: '127.0.0.1', port, directory, silent: true, configureBuckets: [{ name: TEST_BUCKET }] });
    await starting.run();
    server = starting;
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  await start();
  const env = {
    DOCUMENT_STORE: 's3',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: TEST_BUCKET,
    S3_REGION: 'eu-west-2',
    // s3rver's own fixed credentials.
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  };
  const client = new S3Client({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET }))).Contents ?? []).map((object) => object.Key!).sort();
  return {
    env,
    keys,
    empty: async () => {
      for (const key of await keys()) await client.send(new DeleteObjectCommand({ Bucket: TEST_BUCKET, Key: key }));
    },
    object: async (key) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: key }))).Body!.transformToByteArray()),
    stop,
    start,
    close: async () => {
      client.destroy();
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
