// What the reset panel holds while a person fills it in, and how it becomes a request.
// The group page owns it, so the partition table's shortcuts and "undo" can fill it too.
import type { ResetStrategy } from '@/lib/contract/reset';
import type { ResetInput } from '@/lib/queries/resets';

export interface ResetDraft {
  scope: 'all' | 'topics' | 'partitions';
  /** For 'topics': the topics to reset (all their partitions). */
  topics: string[];
  /** For 'partitions': one topic and a list like "0, 2". */
  topic: string;
  partitions: string;
  strategy: ResetStrategy;
  offset: string;
  shiftBy: string;
  /** `YYYY-MM-DDTHH:mm[:ss]`, read as UTC. */
  datetime: string;
  duration: string;
  csv: string;
}

export const EMPTY_DRAFT: ResetDraft = { scope: 'all', topics: [], topic: '', partitions: '', strategy: 'to-earliest', offset: '', shiftBy: '', datetime: '', duration: 'PT1H', csv: '' };

export const STRATEGY_LABELS: Record<ResetStrategy, string> = {
  'to-earliest': 'To earliest (log start)',
  'to-latest': 'To latest (log end)',
  'to-current': 'To current (re-commit; no commit → log end)',
  'to-offset': 'To offset',
  'shift-by': 'Shift by ±N',
  'to-datetime': 'To date-time',
  'by-duration': 'By duration (now − duration)',
  'from-file': 'From a CSV file',
};

const whole = (s: string) => (/^-?\d+$/.test(s.trim()) && Number.isSafeInteger(Number(s.trim())) ? Number(s.trim()) : null);

/** The request for a draft, or the reason it cannot be sent yet. */
export function draftToRequest(d: ResetDraft): { ok: true; req: ResetInput } | { ok: false; problem: string } {
  const req: ResetInput = { strategy: d.strategy };
  if (d.strategy !== 'from-file') {
    if (d.scope === 'all') req.scope = { topics: 'all' };
    else if (d.scope === 'topics') {
      if (d.topics.length === 0) return { ok: false, problem: 'Pick at least one topic.' };
      req.scope = { topics: d.topics };
    } else {
      if (!d.topic.trim()) return { ok: false, problem: 'Pick the topic whose partitions to reset.' };
      const parts = d.partitions.split(',').map((p) => p.trim()).filter(Boolean);
      const nums = parts.map(whole);
      if (parts.length === 0 || nums.some((n) => n === null || n < 0)) return { ok: false, problem: 'Partitions are whole numbers separated by commas, e.g. 0, 2.' };
      req.scope = { topics: [d.topic.trim()], partitions: { [d.topic.trim()]: nums as number[] } };
    }
  }
  switch (d.strategy) {
    case 'to-offset': {
      const n = whole(d.offset);
      if (n === null) return { ok: false, problem: 'The offset is a whole number.' };
      req.offset = n;
      break;
    }
    case 'shift-by': {
      const n = whole(d.shiftBy);
      if (n === null) return { ok: false, problem: 'Shift by a whole number, negative to go back.' };
      req.shiftBy = n;
      break;
    }
    case 'to-datetime':
      if (!d.datetime) return { ok: false, problem: 'Pick a date and time.' };
      req.datetime = d.datetime;
      break;
    case 'by-duration':
      if (!d.duration.trim()) return { ok: false, problem: 'Give a duration like PT30M or P1DT2H.' };
      req.duration = d.duration.trim();
      break;
    case 'from-file':
      if (!d.csv.trim()) return { ok: false, problem: 'Paste or import lines of topic,partition,offset.' };
      req.csv = d.csv;
      break;
  }
  return { ok: true, req };
}
