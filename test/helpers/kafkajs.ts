// kafkajs 2.2.4 wired with every codec, quiet unless a test fails.
// kafkajs is CommonJS: take its exports from the default import so plain Node ESM (tsx,
// the bench) and vitest agree.
import kafkajs from 'kafkajs';
import type { Kafka as KafkaClient } from 'kafkajs';

const { CompressionCodecs, CompressionTypes, Kafka, logLevel } = kafkajs;
export { CompressionTypes };
import { compress, decompress } from '../../server/protocol/compression';

let registered = false;
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  const adapter = (name: 'snappy' | 'lz4' | 'zstd') => () => ({
    compress: (encoder: { buffer: Buffer }) => compress(name, encoder.buffer),
    decompress: (buf: Buffer) => decompress(name, buf),
  });
  CompressionCodecs[CompressionTypes.Snappy] = adapter('snappy');
  CompressionCodecs[CompressionTypes.LZ4] = adapter('lz4');
  CompressionCodecs[CompressionTypes.ZSTD] = adapter('zstd');
}

export function kafka(address: string, clientId = 'offsetscope-test'): KafkaClient {
  registerCodecs();
  return new Kafka({
    clientId,
    brokers: [address],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 3, initialRetryTime: 100 },
  });
}

/** Runs `fn` with a connected kafkajs admin, and disconnects whatever happens. */
export async function withAdmin<T>(address: string, fn: (admin: ReturnType<KafkaClient['admin']>) => Promise<T>): Promise<T> {
  const admin = kafka(address).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The group ids kafkajs's ListGroups sees, sorted. */
export const groupIds = (address: string): Promise<string[]> => withAdmin(address, async (a) => (await a.listGroups()).groups.map((g) => g.groupId).sort());

/** Committed offsets as kafkajs's fetchOffsets reads them: `topic-partition` → offset (−1 for none). */
export const committedByKafkajs = (address: string, groupId: string, topics: string[]): Promise<Record<string, number>> =>
  withAdmin(address, async (a) => {
    const res = await a.fetchOffsets({ groupId, topics });
    return Object.fromEntries(res.flatMap((t) => t.partitions.map((p) => [`${t.topic}-${p.partition}`, Number(p.offset)])));
  });
