'use client';
// Total messages (offset span, all topics) over time, from the server's sampler.
// Fixed height; with fewer than two samples there is no line to draw, so it says so.
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '@/lib/format';

const HEIGHT = 220;
const MAX_POINTS = 600;

type Sample = { t: number; messages: number };

/** Keeps at most MAX_POINTS samples (evenly spaced, always the newest): a day is 17,280 samples. */
function thin(samples: Sample[]): Sample[] {
  if (samples.length <= MAX_POINTS) return samples;
  const step = samples.length / MAX_POINTS;
  const out: Sample[] = [];
  for (let i = 0; i < MAX_POINTS - 1; i++) out.push(samples[Math.floor(i * step)]);
  out.push(samples[samples.length - 1]);
  return out;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function MessagesChart({ samples }: { samples: Sample[] }) {
  if (samples.length < 2) {
    return (
      <div style={{ height: HEIGHT }} className="flex items-center justify-center px-4 text-center text-sm text-zinc-500 dark:text-zinc-400">
        {samples.length === 0
          ? 'No samples yet: the server records the totals every few seconds.'
          : `One sample so far (${formatCount(samples[0].messages)} messages at ${time(samples[0].t)}); the line starts with the next one.`}
      </div>
    );
  }
  const data = thin(samples);
  // Minutes alone repeat on the axis while the history is short.
  const withSeconds = data[data.length - 1].t - data[0].t < 15 * 60_000;
  return (
    <div style={{ height: HEIGHT }} className="text-zinc-500 dark:text-zinc-400" role="img" aria-label={`Total messages over time: ${formatCount(data[0].messages)} at ${time(data[0].t)}, ${formatCount(data[data.length - 1].messages)} at ${time(data[data.length - 1].t)}`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.2} strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => new Date(t).toLocaleTimeString([], withSeconds ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' })}
            stroke="currentColor"
            fontSize={12}
            minTickGap={48}
          />
          <YAxis
            tickFormatter={(v: number) => compact.format(v)}
            stroke="currentColor"
            fontSize={12}
            width={52}
            allowDecimals={false}
            domain={['auto', 'auto']}
          />
          <Tooltip
            labelFormatter={(t) => time(Number(t))}
            formatter={(v) => [formatCount(Number(v)), 'messages']}
            contentStyle={{
              background: 'var(--chart-tooltip-bg)',
              border: '1px solid var(--chart-tooltip-border)',
              borderRadius: 6,
              fontSize: 12,
            }}
          />
          <Area type="monotone" dataKey="messages" stroke="#6366f1" strokeWidth={2} fill="#6366f1" fillOpacity={0.15} isAnimationActive={false} dot={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
