// Request header v1 (non-flexible) and v2 (flexible: adds a tag section; the client id
// stays an int16-length string), response header v0 and v1 (flexible: adds a tag section,
// except for ApiVersions, whose answer is always read with header v0 so that a client can
// read it whatever version it asked for).
import { Reader, Writer } from './primitives';

export const API_VERSIONS_KEY = 18;

/** Whether a flexible answer of this API carries response header v1 (all but ApiVersions). */
export function responseHeaderHasTags(apiKey: number, flexible: boolean): boolean {
  return flexible && apiKey !== API_VERSIONS_KEY;
}

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

export function writeRequestHeader(w: Writer, h: RequestHeader, flexible = false): void {
  w.int16(h.apiKey).int16(h.apiVersion).int32(h.correlationId).nullableString(h.clientId);
  if (flexible) w.uvarint(0); // no tagged fields
}

/** Fixed offsets in any request frame (after the size prefix): key, version, correlation id. */
export function peekHeader(frame: Buffer): { apiKey: number; apiVersion: number; correlationId: number } | null {
  if (frame.length < 8) return null;
  return { apiKey: frame.readInt16BE(0), apiVersion: frame.readInt16BE(2), correlationId: frame.readInt32BE(4) };
}
