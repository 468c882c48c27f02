// Kafka's topic-name rules, checked as a person types. The broker applies the same rules
// on its side (server/broker/topic-config.ts), which is the final word; this copy lives
// in lib/ because the browser cannot import the broker.
export const TOPIC_NAME_RULE = "1–249 characters of ASCII letters, digits, '.', '_' and '-'; not '.' or '..'";

export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'A topic name cannot be empty.';
  if (name === '.' || name === '..') return 'A topic name cannot be "." or "..".';
  if (name.length > 249) return `A topic name can be at most 249 characters (this one has ${name.length}).`;
  const bad = [...new Set(name.replace(/[a-zA-Z0-9._-]/g, ''))];
  if (bad.length) {
    const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ');
    return `A topic name may contain only ASCII letters, digits, '.', '_' and '-' (found ${shown}).`;
  }
  return null;
}

/** Kafka warns because '.' and '_' collide in metric names. */
export function topicNameWarning(name: string): string | null {
  return name.includes('.') && name.includes('_') ? "Topics with both '.' and '_' can collide in metric names; pick one." : null;
}
