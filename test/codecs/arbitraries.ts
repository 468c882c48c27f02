// fast-check generators for Kafka's wire types, as test/codecs/kafkajs-agreement.test.ts
// draws them: values anywhere in each type's range (bounds included, which fast-check favours),
// short strings and arrays so that a hundred cases per version stay quick.
import fc from 'fast-check';
import type { RecordInput } from '../../server/protocol/record-batch';

export const int8 = fc.integer({ min: -128, max: 127 });
export const int16 = fc.integer({ min: -32768, max: 32767 });
export const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
/**
 * Our int64 is a JS number and the writer refuses anything beyond 2^53 (offsets and
 * timestamps never get there), so int64s are drawn from the safe range, plus the -1 and 0
 * Kafka uses as markers.
 */
export const int64 = fc.oneof(fc.constantFrom(-1, 0), fc.maxSafeInteger());
/** Record timestamps: all 13 digits, as real ones are (kafkajs sorts them as text: see Produce). */
export const timestamp = fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 });
export const bool = fc.boolean();

/**
 * An error code. UNSUPPORTED_VERSION (35) is left out: several kafkajs decoders throw on it
 * before reading the rest (failIfVersionNotSupported), on purpose, so it has nothing to compare.
 */
export const errorCode = fc.oneof(fc.constant(0), int16.filter((c) => c !== 35));

/** Short text, sometimes beyond ASCII (lengths on the wire count UTF-8 bytes, not characters). */
export const str = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 5 }));
export const nullableStr = fc.option(str, { nil: null, freq: 3 });
export const bytes = fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a));
export const nullableBytes = fc.option(bytes, { nil: null, freq: 3 });

/** Up to three elements: enough to catch a count or an element boundary read wrong. */
export const list = <T>(item: fc.Arbitrary<T>, minLength = 0): fc.Arbitrary<T[]> => fc.array(item, { minLength, maxLength: 3 });

/**
 * Header keys kafkajs can round-trip: it gathers a record's headers into a plain object,
 * looking each key up there first, so "constructor" or "__proto__" would find Object's own.
 */
const headerKey = str.filter((k) => !(k in Object.prototype));

/** One record as kafkajs's producer takes it; a header given a list is sent once per value. */
export interface KafkajsMessage {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  headers: Record<string, Buffer | Buffer[]>;
}
// kafkajs cannot send a null header value (it measures it with Buffer.byteLength), so none is drawn.
const kafkajsHeaders = fc
  .array(fc.tuple(headerKey, fc.oneof(bytes, list(bytes, 1))), { maxLength: 3 })
  .map((entries) => Object.fromEntries(entries) as Record<string, Buffer | Buffer[]>);
export const kafkajsMessage: fc.Arbitrary<KafkajsMessage> = fc.record({ key: nullableBytes, value: nullableBytes, timestamp, headers: kafkajsHeaders });

/** One record as our record-batch encoder takes it (null header values allowed). */
export const ourRecord: fc.Arbitrary<RecordInput & { timestamp: number; headers: { key: string; value: Buffer | null }[] }> = fc.record({
  key: nullableBytes,
  value: nullableBytes,
  timestamp,
  headers: list(fc.record({ key: headerKey, value: nullableBytes })),
});

/** A magic-2 batch as our encoder builds it: where it starts, its records, its header options. */
export const ourBatch = fc.record({
  baseOffset: fc.integer({ min: 0, max: 2 ** 50 }),
  records: list(ourRecord, 1),
  compression: fc.constantFrom('none' as const, 'gzip' as const),
  producerId: int64,
  producerEpoch: int16,
  baseSequence: int32,
  logAppendTime: bool,
});
