// Page params arrive still percent-encoded (route handlers get them decoded). Valid topic
// and group names never contain '%', so decoding once is safe; a malformed escape is shown
// as typed (and answered "does not exist").
export function decodeRouteParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
