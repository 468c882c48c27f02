import { expect, it } from 'vitest';
import { renderExposition } from './exposition';

it('writes HELP, TYPE and samples with escaped label values; empty families are left out', () => {
  const text = renderExposition([
    { name: 'kafka_consumergroup_lag', help: 'Lag of a group on a partition', type: 'gauge', samples: [{ labels: { consumergroup: 'a"b\\c\nd', topic: 't', partition: 0 }, value: 5 }] },
    { name: 'kafka_brokers', help: 'Brokers', type: 'gauge', samples: [{ labels: {}, value: 3 }] },
    { name: 'unused', help: 'none', type: 'gauge', samples: [] },
  ]);
  expect(text).toBe(
    [
      '# HELP kafka_consumergroup_lag Lag of a group on a partition',
      '# TYPE kafka_consumergroup_lag gauge',
      'kafka_consumergroup_lag{consumergroup="a\\"b\\\\c\\nd",topic="t",partition="0"} 5',
      '# HELP kafka_brokers Brokers',
      '# TYPE kafka_brokers gauge',
      'kafka_brokers 3',
      '',
    ].join('\n'),
  );
});
