// DescribeLogDirs v0–1 (v1: no wire change). One log dir (the data dir); each partition's
// size is the sum of its segment files. null topics = every partition.
import path from 'node:path';
import { DescribeLogDirs } from '../../protocol/35-describe-log-dirs';
import { handler, leads } from './types';

export default handler({
  api: DescribeLogDirs,
  minVersion: 0,
  maxVersion: 1,
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
    return { throttleTimeMs: 0, results: [{ errorCode: 0, logDir: path.resolve(ctx.config.dataDir), topics }] };
  },
});
