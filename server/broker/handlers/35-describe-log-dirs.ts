// DescribeLogDirs v0–4. v1: no wire change; v2: flexible; v3: a top-level error code (always
// 0: no ACLs here, so never CLUSTER_AUTHORIZATION_FAILED); v4: the total and usable bytes of
// the volume holding the data dir (statfs; −1 each, as Kafka allows, where it fails). One log
// dir (the data dir); each partition's size is the sum of its segment files. null topics =
// every partition.
import fs from 'node:fs';
import path from 'node:path';
import { DescribeLogDirs } from '../../protocol/35-describe-log-dirs';
import { handler, leads } from './types';

/** The volume's size and the bytes an unprivileged writer may still use (Java's getTotalSpace / getUsableSpace). */
function volumeBytes(dir: string): { totalBytes: number; usableBytes: number } {
  try {
    const s = fs.statfsSync(dir);
    return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: -1, usableBytes: -1 };
  }
}

export default handler({
  api: DescribeLogDirs,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    const { state } = ctx;
    const wanted = req.topics === null ? [...state.topics.values()].map((t) => ({ topic: t.name, partitions: t.partitions.map((_, i) => i) })) : req.topics;
    const topics = wanted
      .filter((w) => state.topics.has(w.topic))
      .map((w) => ({
        name: w.topic,
        partitions: w.partitions
          .filter((p) => state.partition(w.topic, p) && leads(ctx, w.topic, p)) // each node holds the partitions it leads
          .map((p) => ({ partitionIndex: p, partitionSize: state.partition(w.topic, p)!.sizeBytes, offsetLag: 0, isFutureKey: false })),
      }));
    const logDir = path.resolve(ctx.config.dataDir);
    const volume = ctx.version >= 4 ? volumeBytes(logDir) : { totalBytes: -1, usableBytes: -1 };
    return { throttleTimeMs: 0, errorCode: 0, results: [{ errorCode: 0, logDir, topics, ...volume }] };
  },
});
