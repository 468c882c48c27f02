// kafkajs 2.2.4 wired with every codec, quiet unless a test fails.
import { CompressionCodecs, CompressionTypes, Kafka, logLevel } from 'kafkajs';
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

export function kafka(address: string, clientId = 'offsetscope-test'): Kafka {
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
