// The five record-batch codecs. The broker stores compressed batches untouched; these are
// used only where records must be read (clients, tests, timestamp look-ups).
import { gzip, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const require = createRequire(import.meta.url);

// kafkajs codec packages take an "encoder" ({ buffer }) and speak Kafka's framing (snappy,
// lz4 frame); loaded on first use so the broker does not pay for them at start.
interface KafkajsCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(b: Buffer): Promise<Buffer>;
}
let snappyCodec: KafkajsCodec | undefined;
const snappy = (): KafkajsCodec => (snappyCodec ??= (require('kafkajs-snappy') as () => KafkajsCodec)());
let lz4Codec: KafkajsCodec | undefined;
const lz4 = (): KafkajsCodec => {
  if (!lz4Codec) {
    const LZ4 = require('kafkajs-lz4') as new () => { codec(): KafkajsCodec };
    lz4Codec = new LZ4().codec();
  }
  return lz4Codec;
};

interface ZstdNapi {
  compress(b: Buffer): Buffer;
  decompress(b: Buffer): Buffer;
}
let zstdMod: ZstdNapi | undefined;
const zstd = (): ZstdNapi => (zstdMod ??= require('zstd-napi') as ZstdNapi);

export async function compress(c: Compression, b: Buffer): Promise<Buffer> {
  switch (c) {
    case 'none':
      return b;
    case 'gzip':
      return gzipAsync(b);
    case 'snappy':
      return snappy().compress({ buffer: b });
    case 'lz4':
      return lz4().compress({ buffer: b });
    case 'zstd':
      return zstd().compress(b);
  }
}

export async function decompress(c: Compression, b: Buffer): Promise<Buffer> {
  switch (c) {
    case 'none':
      return b;
    case 'gzip':
      return gunzipAsync(b);
    case 'snappy':
      return snappy().decompress(b);
    case 'lz4':
      return lz4().decompress(b);
    case 'zstd':
      return zstd().decompress(b);
  }
}
