// `recovery-point-offset-checkpoint`, in Kafka's own format: a version line (0), a count
// line, then `topic partition offset` per partition. Below its offset a partition's log
// was fsynced; an unclean start re-reads with CRCs only what lies past it. A file that
// does not parse whole is ignored (everything is then checked), never half-believed.
/** The key a checkpoint's map uses for one partition. */
export function checkpointKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function formatCheckpoint(points: Map<string, number>): string {
  const lines = [...points].map(([key, offset]) => `${key.replace('\u0000', ' ')} ${offset}`);
  return `0\n${lines.length}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/** Keys are `topic\0partition`; null when the file is not a whole, well-formed checkpoint. */
export function parseCheckpoint(text: string): Map<string, number> | null {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== '0' || !/^\d+$/.test(lines[1] ?? '') || Number(lines[1]) !== lines.length - 2) return null;
  const points = new Map<string, number>();
  for (const line of lines.slice(2)) {
    const m = /^([a-zA-Z0-9._-]{1,249}) (\d{1,9}) (\d{1,16})$/.exec(line);
    if (!m) return null;
    points.set(checkpointKey(m[1], Number(m[2])), Number(m[3]));
  }
  return points;
}
