// A streamed answer of JSON lines (NDJSON, `application/x-ndjson`): the producer awaits each
// `emit`, which holds it while the client has not read what was sent (so a slow reader
// slows the work down instead of piling events up in memory). The work is stopped through
// its signal when the client goes away, the stream is cancelled, or `signal` fires.
const HIGH_WATER_EVENTS = 32;

export type Emit<E> = (event: E) => Promise<void>;

export function ndjsonResponse<E>(work: (emit: Emit<E>, signal: AbortSignal) => Promise<void>, signal: AbortSignal): Response {
  const stop = new AbortController();
  let wake: (() => void) | null = null;
  const resume = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onAbort = () => {
    stop.abort();
    resume();
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const emit: Emit<E> = async (event) => {
          if (stop.signal.aborted) return;
          controller.enqueue(enc.encode(JSON.stringify(event) + '\n'));
          while ((controller.desiredSize ?? 1) <= 0 && !stop.signal.aborted) await new Promise<void>((r) => (wake = r));
        };
        void work(emit, stop.signal).finally(() => {
          signal.removeEventListener('abort', onAbort);
          try {
            controller.close();
          } catch {
            // cancelled by the client already
          }
        });
      },
      pull: resume,
      cancel: onAbort,
    },
    { highWaterMark: HIGH_WATER_EVENTS },
  );
  // no-transform: the built-in compression would otherwise hold events back
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Content-Type-Options': 'nosniff' } });
}
