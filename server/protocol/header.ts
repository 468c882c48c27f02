// Request header v1 (non-flexible) and v2 (flexible: adds a tag section), response header v0.
// Every version this project advertises is non-flexible; v2 is parsed only so that a
// flexible ApiVersions v3 request can be recognised and answered with UNSUPPORTED_VERSION.
import { Reader, Writer } from './primitives';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

export function readRequestHeader(r: Reader, flexible: boolean): RequestHeader {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const clientId = r.nullableString();
  if (flexible) r.skipTags();
  return { apiKey, apiVersion, correlationId, clientId };
}

export function writeRequestHeader(w: Writer, h: RequestHeader): void {
  w.int16(h.apiKey).int16(h.apiVersion).int32(h.correlationId).nullableString(h.clientId);
}

/** Fixed offsets in any request frame (after the size prefix): key, version, correlation id. */
export function peekHeader(frame: Buffer): { apiKey: number; apiVersion: number; correlationId: number } | null {
  if (frame.length < 8) return null;
  return { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2), correlationId: frame.readInt32BE(4) };
}
