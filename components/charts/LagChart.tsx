'use client';
// A consumer group's lag over time, from the server's lag sampler: one thick line for the
// group's total and a thin one per topic (the topics with the most lag now, at most
// MAX_TOPICS). Fixed height; with fewer than two samples there is no line to draw, so it
// says so. A gap in a line is a sample without a lag value (no commit yet).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupHistory } from '@/lib/contract/groups';
import { clockTime, countAxisProps, gridProps, thin, timeAxisProps, tooltipStyle } from './time-series';
import { formatCount, formatShortDuration } from '@/lib/format';

const HEIGHT = 240;
const MAX_TOPICS = 8;
const TOTAL_COLOR = '#6366f1';
const TOPIC_COLORS = ['#0ea5e9', '#f59e0b', '#10b981', '#ec4899', '#8b5cf6', '#ef4444', '#14b8a6', '#84cc16'];

type Point = GroupHistory['points'][number];

/** The topics to draw: those with the most lag in the newest sample that has them, then by name. */
function pickTopics(points: Point[]): { shown: string[]; total: number } {
  const latest = new Map<string, number>();
  for (const p of points) for (const [topic, lag] of Object.entries(p.byTopic)) latest.set(topic, lag);
  const sorted = [...latest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
  return { shown: sorted.slice(0, MAX_TOPICS).sort((a, b) => a.localeCompare(b)), total: sorted.length };
}

const lagText = (v: number | null) => (v === null ? 'no lag value' : formatCount(v));

export function LagChart({ points, intervalMs }: { points: Point[]; intervalMs: number }) {
  if (points.length < 2) {
    const every = intervalMs > 0 ? `every ${formatShortDuration(intervalMs)}` : 'every few seconds';
    return (
      <div style={{ height: HEIGHT }} className="flex items-center justify-center px-4 text-center text-sm text-zinc-500 dark:text-zinc-400" data-testid="lag-chart-empty">
        {points.length === 0
          ? `No samples yet: the server records this group's lag ${every}.`
          : `One sample so far (lag ${lagText(points[0]!.totalLag)} at ${clockTime(points[0]!.t)}); the line starts with the next one.`}
      </div>
    );
  }
  const data = thin(points);
  const first = data[0]!;
  const last = data[data.length - 1]!;
  const { shown, total: topicCount } = pickTopics(data);
  const label =
    `Lag over time: ${lagText(last.totalLag)} now, ${lagText(first.totalLag)} at ${clockTime(first.t)}` +
    (topicCount > 0 ? `; ${topicCount} topic${topicCount === 1 ? '' : 's'}` : '') +
    (topicCount > shown.length ? `, the ${shown.length} with the most lag drawn` : '');

  return (
    <div>
      <div style={{ height: HEIGHT }} className="text-zinc-500 dark:text-zinc-400" role="img" aria-label={label} data-testid="lag-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid {...gridProps} />
            <XAxis {...timeAxisProps(first.t, last.t)} />
            <YAxis {...countAxisProps(true)} />
            <Tooltip
              labelFormatter={(t) => clockTime(Number(t))}
              formatter={(v, name) => [v === null || v === undefined ? '—' : formatCount(Number(v)), name]}
              contentStyle={tooltipStyle}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="linear"
              name="group total"
              dataKey={(p: Point) => p.totalLag}
              stroke={TOTAL_COLOR}
              strokeWidth={2.5}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
            {shown.map((topic, i) => (
              <Line
                key={topic}
                type="linear"
                name={topic}
                // a function, not a string key: topic names may contain '.', which recharts reads as a path
                dataKey={(p: Point) => p.byTopic[topic] ?? null}
                stroke={TOPIC_COLORS[i % TOPIC_COLORS.length]}
                strokeWidth={1.5}
                strokeDasharray={shown.length === 1 ? '4 3' : undefined}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {topicCount > shown.length && (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {`Showing the ${shown.length} topics with the most lag of ${formatCount(topicCount)}; the total covers all of them.`}
        </p>
      )}
    </div>
  );
}
