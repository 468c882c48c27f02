// A dashboard cluster object in the bench's own process whose lag sampler samples only when
// told (tick), with its data dir in a temporary folder: what the in-process benches measure.
import fs from 'node:fs';
import { tempDir } from '../test/helpers/broker';
import { standaloneCluster } from '../server/kafka/clusters';
import type { Cluster } from '../server/kafka/cluster';

/** Runs `fn` with such a cluster on `address`, then closes it and puts the environment back. */
export async function withQuietCluster<T>(address: string, fn: (cluster: Cluster) => Promise<T>): Promise<T> {
  const saved = { sample: process.env.OFFSETSCOPE_LAG_SAMPLE_MS, dataDir: process.env.OFFSETSCOPE_DATA_DIR };
  const dataDir = tempDir('offsetscope-bench-cluster-');
  process.env.OFFSETSCOPE_LAG_SAMPLE_MS = '3600000'; // no sample on its own while one is measured
  process.env.OFFSETSCOPE_DATA_DIR = dataDir;
  const cluster = standaloneCluster(address);
  try {
    return await fn(cluster);
  } finally {
    cluster.close();
    await new Promise((r) => setTimeout(r, 200)); // its last state save
    fs.rmSync(dataDir, { recursive: true, force: true });
    for (const [k, v] of [['OFFSETSCOPE_LAG_SAMPLE_MS', saved.sample], ['OFFSETSCOPE_DATA_DIR', saved.dataDir]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
