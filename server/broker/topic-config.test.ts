// Topic config checks as Kafka 3.x makes them: segment.bytes must fit the indexes' int32
// positions, and the flush settings accept Kafka's "never" (Long.MAX_VALUE).
import { describe, expect, it } from 'vitest';
import { KafkaError } from '../protocol/errors';
import { validateTopicConfigs } from './topic-config';

describe('topic config validation', () => {
  it.each([
    ['segment.bytes', '14', true],
    ['segment.bytes', '2147483647', true],
    ['segment.bytes', '13', false],
    ['segment.bytes', '2147483648', false],
    ['flush.messages', '1', true],
    ['flush.messages', '9223372036854775807', true],
    ['flush.messages', '0', false],
    ['flush.messages', '9223372036854775808', false],
    ['flush.ms', '0', true],
    ['flush.ms', '-1', false],
    ['flush.ms', '1e3', false],
  ])('%s=%s accepted: %s', (name, value, ok) => {
    const run = () => validateTopicConfigs({ [name]: value });
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(KafkaError);
  });
});
