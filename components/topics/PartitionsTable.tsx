// One row per partition: leader, replicas, in-sync replicas (amber when some are missing
// or the partition is offline), log-start, log-end, the span between them, size, and an
// offset bar drawn to the scale of the whole topic, with a marker at each consumer group's
// committed offset.
import type { PartitionDetail, TopicDetail } from '@/lib/contract/topics';
import { formatBytes, formatCount } from '@/lib/format';
import { partitionLag } from '@/lib/offsets/lag';
import { cx } from '../ui/cx';
import { OffsetBar, type CommitMarker } from './OffsetBar';

const th = 'px-3 py-2 font-medium';
const num = 'px-3 py-1.5 text-right tabular-nums';

export function PartitionsTable({ partitions, groups = [] }: { partitions: PartitionDetail[]; groups?: TopicDetail['groups'] }) {
  const max = partitions.reduce((m, p) => Math.max(m, p.logEndOffset ?? 0), 0);
  // partition → each group's committed offset there (groups in name order, so markers keep their order)
  const markers = new Map<number, { groupId: string; committed: number }[]>();
  for (const g of [...groups].sort((a, b) => a.groupId.localeCompare(b.groupId))) {
    for (const o of g.offsets) {
      if (o.committedOffset === null) continue;
      let list = markers.get(o.partition);
      if (!list) markers.set(o.partition, (list = []));
      list.push({ groupId: g.groupId, committed: o.committedOffset });
    }
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[56rem] text-sm">
        <caption className="sr-only">Partitions and their offsets</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-300">
          <tr>
            <th scope="col" className={cx(th, 'text-right')}>
              Partition
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              Leader
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              Replicas
            </th>
            <th scope="col" className={cx(th, 'text-left')}>
              In sync
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              Log start
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              Log end
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              Messages (offset span)
            </th>
            <th scope="col" className={cx(th, 'text-right')}>
              Size
            </th>
            <th scope="col" className={cx(th, 'w-1/4 text-left')}>
              Offsets <span className="font-normal text-zinc-500 dark:text-zinc-400">(0 → {formatCount(max)})</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {partitions.map((p) => {
            const offline = p.leader < 0;
            const degraded = offline || p.isr.length < p.replicas.length || p.offlineReplicas.length > 0;
            const why = offline
              ? 'no leader: the partition is offline'
              : p.offlineReplicas.length > 0
                ? `offline replicas: ${p.offlineReplicas.join(', ')}`
                : degraded
                  ? `under-replicated: ${p.isr.length} of ${p.replicas.length} replicas in sync`
                  : 'all replicas in sync';
            return (
              <tr key={p.partition} data-testid={'partition-row-' + p.partition}>
                <th scope="row" className={cx(num, 'font-medium')}>
                  {p.partition}
                </th>
                <td data-testid="leader" className={cx(num, offline && 'font-semibold text-red-700 dark:text-red-400')} title={offline ? 'no leader' : undefined}>
                  {offline ? 'none' : p.leader}
                </td>
                <td data-testid="replicas" className="px-3 py-1.5 tabular-nums">
                  {p.replicas.join(', ') || '—'}
                </td>
                <td
                  data-testid="isr"
                  data-state={degraded ? 'degraded' : 'ok'}
                  title={why}
                  className={cx('px-3 py-1.5 tabular-nums', degraded && 'bg-amber-100 font-semibold text-amber-900 dark:bg-amber-900/50 dark:text-amber-200')}
                >
                  {p.isr.join(', ') || '—'}
                </td>
                <td data-testid="log-start" className={num}>
                  {formatCount(p.logStartOffset)}
                </td>
                <td data-testid="log-end" className={num}>
                  {formatCount(p.logEndOffset)}
                </td>
                <td data-testid="messages" className={num}>
                  {formatCount(p.messages)}
                </td>
                <td data-testid="size" className={num} title={p.bytes === null ? 'size unknown' : `${formatCount(p.bytes)} bytes`}>
                  {formatBytes(p.bytes)}
                </td>
                <td className="px-3 py-1.5">
                  <OffsetBar
                    logStart={p.logStartOffset}
                    logEnd={p.logEndOffset}
                    max={max}
                    markers={(markers.get(p.partition) ?? []).map((m): CommitMarker => ({ ...m, lag: partitionLag(m.committed, p.logEndOffset) }))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-2 flex items-center gap-4 text-xs text-zinc-500 dark:text-zinc-400">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="offsets-deleted inline-block h-2.5 w-5 rounded-sm" /> deleted (before log start)
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-2.5 w-5 rounded-sm bg-indigo-500 dark:bg-indigo-400" /> retained (log start → log end)
        </span>
        {markers.size > 0 && (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-3 w-0.5 bg-zinc-900 dark:bg-white" /> a consumer group&apos;s committed offset (hover for which)
          </span>
        )}
      </p>
    </div>
  );
}
