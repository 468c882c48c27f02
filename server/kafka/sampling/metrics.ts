// /metrics: the lag sampler's last values in Prometheus format, under the metric names of
// danielqsj/kafka_exporter so existing Grafana dashboards and alerts keep working, plus
// lag in seconds and the Burrow-style group status; every group's samples carry its `type`
// (classic, consumer for KIP-848, …). A scrape costs no cluster round trip.
// offsetscope_cluster_up and offsetscope_broker_up say whether each cluster's last sample
// read it and which brokers answer; a group whose coordinator is down is left out until it
// can be read again (no value is better than an old one presented as current).
// kafka_exporter's *_sum gauges are left out: `promtool check metrics` refuses a "_sum"
// suffix outside histograms and summaries, and `sum by (consumergroup, topic)` gives them.
import { renderExposition, type Family, type Labels } from '../../../lib/metrics/exposition';
import type { Cluster } from '../cluster';
import { groupRows, verdict } from '../snapshots/group-views';
import type { LagSampler } from './lag-sampler';
import type { GroupsSnapshot } from '../snapshots/groups';
import { tpKey } from '../routing/offsets';

const STATUS_VALUE = { OK: 0, WARN: 1, ERR: 2 } as const;

/**
 * Every cluster's metrics; with several clusters each sample carries a `cluster` label
 * (the cluster's id), so one scrape target serves them all.
 */
export function renderMetrics(clusters: Cluster[], labelled = clusters.length > 1): string {
  const families = new Map<string, Family>();
  const add = (f: Family) => {
    const into = families.get(f.name);
    if (into) into.samples.push(...f.samples);
    else families.set(f.name, { ...f, samples: [...f.samples] }); // a copy: the sample's families are kept for the next scrape
  };
  for (const c of clusters) {
    for (const f of healthFamilies(c)) add(f);
    for (const f of searchFamilies(c)) add(f);
    for (const f of clusterFamilies(c.sampler, labelled ? { cluster: c.id } : {})) add(f);
  }
  return renderExposition([...families.values()]);
}

/** Whether the cluster's last sample could read it, and which of its brokers answer. */
function healthFamilies(c: Cluster): Family[] {
  const up: Family = { name: 'offsetscope_cluster_up', help: "1 when the cluster's last lag sample could read it, else 0", type: 'gauge', samples: [] };
  const brokerUp: Family = { name: 'offsetscope_broker_up', help: 'Per broker ever seen in the metadata: 1 when it answers, 0 when it does not or left the metadata', type: 'gauge', samples: [] };
  const attempt = c.sampler.lastAttempt;
  up.samples.push({ labels: { cluster: c.id }, value: attempt && attempt.problem === null ? 1 : 0 });
  for (const b of c.client.brokerHealth()) brokerUp.samples.push({ labels: { cluster: c.id, broker: b.nodeId }, value: b.up ? 1 : 0 });
  return [up, brokerUp];
}

/** Searches (POST /api/topics/{t}/search) running now, and every record they have tested. */
function searchFamilies(c: Cluster): Family[] {
  const s = c.topics.searches;
  return [
    { name: 'offsetscope_searches_running', help: 'Topic searches running now', type: 'gauge', samples: [{ labels: { cluster: c.id }, value: s.running }] },
    { name: 'offsetscope_search_scanned_records_total', help: 'Records tested by topic searches since the dashboard started', type: 'counter', samples: [{ labels: { cluster: c.id }, value: s.scannedTotal }] },
  ];
}

/**
 * Families per sample: a scrape between two samples reuses them (10,000 groups cost about a
 * second to evaluate; the values are the sample's anyway, offsetscope_sample_timestamp_seconds says when).
 */
const familiesOfSample = new WeakMap<GroupsSnapshot, { key: string; families: Family[] }>();

function clusterFamilies(sampler: LagSampler, extra: Labels): Family[] {
  const snap = sampler.last;
  if (!snap) return [];
  const key = JSON.stringify(extra);
  const kept = familiesOfSample.get(snap);
  if (kept?.key === key) return kept.families;
  const families = evaluateFamilies(sampler, snap, extra);
  familiesOfSample.set(snap, { key, families });
  return families;
}

function evaluateFamilies(sampler: LagSampler, snap: GroupsSnapshot, extra: Labels): Family[] {
  const now = Date.now();
  const f = (name: string, help: string): Family => ({ name, help, type: 'gauge', samples: [] });
  const brokers = f('kafka_brokers', 'Number of brokers in the cluster');
  const partitions = f('kafka_topic_partitions', 'Number of partitions of a topic');
  const current = f('kafka_topic_partition_current_offset', 'Log-end offset (high watermark) of a partition');
  const oldest = f('kafka_topic_partition_oldest_offset', 'Log-start offset of a partition');
  const groupOffset = f('kafka_consumergroup_current_offset', "A group's committed offset on a partition");
  const lag = f('kafka_consumergroup_lag', "A group's lag on a partition: log-end offset minus committed offset");
  const lagSeconds = f('kafka_consumergroup_lag_seconds', "How long ago the oldest record the group has not processed arrived: its timestamp, or estimated from sampled log-end offsets");
  const lagEstimated = f('offsetscope_consumergroup_lag_seconds_estimated', '1 when kafka_consumergroup_lag_seconds of the partition is estimated from sampled log-end offsets, 0 when it is read from the record');
  const members = f('kafka_consumergroup_members', 'Number of members of a group');
  const status = f('offsetscope_consumergroup_status', 'Burrow-style lag status of a group: 0 OK, 1 WARN, 2 ERR');
  const sampledAt = f('offsetscope_sample_timestamp_seconds', 'When these values were sampled (Unix time)');

  brokers.samples.push({ labels: extra, value: snap.metadata.brokers.length });
  sampledAt.samples.push({ labels: extra, value: snap.fetchedAt / 1000 });
  for (const t of snap.metadata.topics) {
    if (t.errorCode !== 0) continue;
    partitions.samples.push({ labels: { ...extra, topic: t.name }, value: t.partitions.length });
    for (const p of t.partitions) {
      const o = snap.offsets.get(tpKey(t.name, p.partition));
      const labels = { ...extra, topic: t.name, partition: p.partition };
      if (o?.end != null) current.samples.push({ labels, value: o.end });
      if (o?.start != null) oldest.samples.push({ labels, value: o.start });
    }
  }
  for (const g of snap.groups.values()) {
    if (g.unavailable) continue; // its coordinator is down: nothing current to report
    const rows = groupRows(g, snap, sampler, now);
    // `type` (classic, consumer, share…) tells KIP-848 groups apart; kafka_exporter's queries ignore it
    const group = { ...extra, consumergroup: g.groupId, type: g.type };
    members.samples.push({ labels: group, value: g.members.length });
    for (const r of rows) {
      if (r.committed === null) continue;
      const labels = { ...extra, consumergroup: g.groupId, topic: r.topic, partition: r.partition, type: g.type };
      groupOffset.samples.push({ labels, value: r.committed });
      if (r.lag !== null) lag.samples.push({ labels, value: r.lag });
      if (r.timeLag !== null) {
        lagSeconds.samples.push({ labels, value: r.timeLag.ms / 1000 });
        lagEstimated.samples.push({ labels, value: r.timeLag.estimated ? 1 : 0 });
      }
    }
    const v = verdict(rows);
    if (v.status) status.samples.push({ labels: group, value: STATUS_VALUE[v.status] });
  }
  return [brokers, partitions, current, oldest, groupOffset, lag, lagSeconds, lagEstimated, members, status, sampledAt];
}
