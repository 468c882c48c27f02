// What validating a produced batch costs (server/broker/log/batch-validation.ts): per codec,
// records/s of batches of 1,000 × 1 KB records through validateBatches, beside the CRC-32C
// check alone (what the broker did before counting records) on the same batches in the same
// run. Compressed batches are inflated to be counted, so their cost is the codec's.
import type { Compression } from '../server/protocol/compression';
import { batchCrcValid, encodeRecordBatch } from '../server/protocol/record-batch';
import { validateBatches } from '../server/broker/log/batch-validation';

export interface ValidationFigure {
  codec: Compression;
  batchBytes: number;
  crcOnlyRecordsPerSec: number;
  validateRecordsPerSec: number;
}

function rate(batch: Buffer, fn: (b: Buffer) => unknown): number {
  const deadline = performance.now() + 1000;
  let n = 0;
  const t0 = performance.now();
  while (performance.now() < deadline) {
    fn(batch);
    n++;
  }
  return (n * 1000) / ((performance.now() - t0) / 1000); // records/s
}

export async function benchValidation(): Promise<ValidationFigure[]> {
  const out: ValidationFigure[] = [];
  console.log('\nproduce validation, 1,000 × 1 KB records per batch (records/s)');
  for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
    const records = Array.from({ length: 1000 }, (_, i) => ({ key: `key-${i}`, value: Buffer.from(`{"order":${i},"note":"${'x'.repeat(1000)}"}`) }));
    const batch = await encodeRecordBatch(records, { compression: codec });
    const limits = { maxMessageBytes: 10 << 20, maxDecompressedBytes: 64 << 20 };
    if (validateBatches(batch, limits).errorCode !== 0) throw new Error(`${codec}: an honest batch was refused`);
    const crcOnlyRecordsPerSec = rate(batch, batchCrcValid);
    const validateRecordsPerSec = rate(batch, (b) => validateBatches(b, limits));
    out.push({ codec, batchBytes: batch.length, crcOnlyRecordsPerSec, validateRecordsPerSec });
    const f = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
    console.log(`  ${codec.padEnd(7)} ${String(batch.length).padStart(8)} B/batch   CRC only ${f(crcOnlyRecordsPerSec)} rec/s   validated ${f(validateRecordsPerSec)} rec/s`);
  }
  return out;
}
