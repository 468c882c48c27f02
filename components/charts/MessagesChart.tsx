'use client';
// Total messages (offset span, all topics) over time, from the server's sampler.
// Fixed height; with fewer than two samples there is no line to draw, so it says so.
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { clockTime, countAxisProps, gridProps, thin, timeAxisProps, tooltipStyle } from './time-series';
import { formatCount } from '@/lib/format';

const HEIGHT = 220;

type Sample = { t: number; messages: number };


export function MessagesChart({ samples }: { samples: Sample[] }) {
  if (samples.length < 2) {
    return (
      <div style={{ height: HEIGHT }} className="flex items-center justify-center px-4 text-center text-sm text-zinc-500 dark:text-zinc-400">
        {samples.length === 0
          ? 'No samples yet: the server records the totals every few seconds.'
          : `One sample so far (${formatCount(samples[0].messages)} messages at ${clockTime(samples[0].t)}); the line starts with the next one.`}
      </div>
    );
  }
  const data = thin(samples);
  return (
    <div style={{ height: HEIGHT }} className="text-zinc-500 dark:text-zinc-400" role="img" aria-label={`Total messages over time: ${formatCount(data[0].messages)} at ${clockTime(data[0].t)}, ${formatCount(data[data.length - 1].messages)} at ${clockTime(data[data.length - 1].t)}`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxisProps(data[0].t, data[data.length - 1].t)} />
          <YAxis {...countAxisProps(false)} />
          <Tooltip
            labelFormatter={(t) => clockTime(Number(t))}
            formatter={(v) => [formatCount(Number(v)), 'messages']}
            contentStyle={tooltipStyle}
          />
          <Area type="monotone" dataKey="messages" stroke="#6366f1" strokeWidth={2} fill="#6366f1" fillOpacity={0.15} isAnimationActive={false} dot={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
