// librdkafka's own test suite against the embedded broker: test 0034_offset_reset (a
// consumer at an invalid offset applies auto.offset.reset=latest, earliest and error) from
// librdkafka 2.12's sources. Before Fetch answered error partitions with an empty record set,
// librdkafka rejected the whole response ("invalid MessageSetSize -1") and spun instead.
// The runner is built by scripts/build-librdkafka-tests.sh into tools/ (git-ignored);
// .ci/run builds it first, and this test builds it when it is missing (a few minutes, once).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { run } from '../helpers/exec';

const root = path.resolve(import.meta.dirname, '../..');
const tests = path.join(root, 'tools/librdkafka/tests');
const runner = path.join(tests, 'test-runner');

let broker: TestBroker;
beforeAll(async () => {
  if (!fs.existsSync(runner)) execFileSync('bash', [path.join(root, 'scripts/build-librdkafka-tests.sh')], { stdio: 'inherit', timeout: 900_000 });
  broker = await startTestBroker();
}, 900_000);
afterAll(async () => {
  await broker?.destroy();
});

it('0034_offset_reset passes', { timeout: 120_000 }, async () => {
  const work = tempDir('rdkafka-run-'); // the runner writes its stats files into its working directory
  const conf = path.join(work, 'test.conf');
  fs.writeFileSync(conf, `bootstrap.servers=${broker.address}\n`);
  const lib = [path.join(root, 'tools/librdkafka/src'), path.join(root, 'tools/librdkafka/src-cpp')].join(':');
  const r = await run(runner, [], {
    timeoutMs: 100_000,
    cwd: work,
    env: { ...process.env, TESTS: '0034', RDKAFKA_TEST_CONF: conf, LD_LIBRARY_PATH: lib, TEST_KAFKA_VERSION: '3.9.0' },
  });
  const summary = r.stdout + r.stderr;
  expect(r.code, summary.slice(-4000)).toBe(0);
  expect(summary).toMatch(/0034_offset_reset\s.*PASSED/);
  expect(summary).toMatch(/ALL TESTS PASSED/);
  expect(summary).not.toMatch(/MessageSetSize/);
});
