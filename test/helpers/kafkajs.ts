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
