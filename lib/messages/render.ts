// How a record's key or value is shown, and how the records on screen are exported.
// Pure: no DOM, no React. Contents are untrusted; these only produce plain strings.
import type { Message } from '../contract/messages';

export type ShowAs = 'auto' | 'text' | 'json' | 'hex' | 'base64';

/** The ways a person can ask to see keys and values (JSON is what "auto" picks when it parses). */
export const SHOW_AS_CHOICES: readonly { value: ShowAs; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'text', label: 'Text' },
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
];
export type DisplayKind = 'json' | 'text' | 'binary' | 'null';
export type Encoding = 'utf8' | 'base64';

export function base64ToBytes(b64: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return new Uint8Array(0);
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** Bytes as lower-case hex pairs separated by spaces: "00 ff 1a". */
export function bytesToHex(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = bytes[i].toString(16).padStart(2, '0');
  return parts.join(' ');
}

function toBytes(text: string, encoding: Encoding | null): Uint8Array {
  return encoding === 'base64' ? base64ToBytes(text) : new TextEncoder().encode(text);
}

function toText(text: string, encoding: Encoding | null): string {
  return encoding === 'base64' ? new TextDecoder('utf-8', { fatal: false }).decode(base64ToBytes(text)) : text;
}

/** Pretty JSON (2 spaces) when `text` parses; `containerOnly` accepts only objects and arrays. */
function prettyJson(text: string, containerOnly: boolean): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (containerOnly && t[0] !== '{' && t[0] !== '[') return null;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return null;
  }
}

/**
 * A key or value as it should be shown.
 * auto: pretty JSON for a JSON object/array, else the text (utf8) or hex (binary, base64-encoded).
 */
export function displayValue(text: string | null, encoding: Encoding | null, mode: ShowAs): { text: string; kind: DisplayKind } {
  if (text === null) return { text: 'null', kind: 'null' };
  switch (mode) {
    case 'auto': {
      if (encoding === 'base64') return { text: bytesToHex(base64ToBytes(text)), kind: 'binary' };
      const json = prettyJson(text, true);
      return json !== null ? { text: json, kind: 'json' } : { text, kind: 'text' };
    }
    case 'text':
      return { text: toText(text, encoding), kind: 'text' };
    case 'json': {
      const plain = toText(text, encoding);
      const json = prettyJson(plain, false);
      return json !== null ? { text: json, kind: 'json' } : { text: plain, kind: 'text' };
    }
    case 'hex':
      return { text: bytesToHex(toBytes(text, encoding)), kind: 'binary' };
    case 'base64':
      return { text: encoding === 'base64' ? text : bytesToBase64(toBytes(text, encoding)), kind: 'binary' };
  }
}

const CSV_COLUMNS = ['partition', 'offset', 'timestamp', 'timestampType', 'key', 'keyEncoding', 'value', 'valueEncoding', 'headers', 'size'] as const;

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function isoOrEmpty(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/** RFC 4180 CSV (CRLF line ends, header row); headers are one JSON column; timestamp is ISO-8601 UTC. */
export function messagesToCsv(messages: readonly Message[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const m of messages) {
    const cells: string[] = [
      String(m.partition),
      String(m.offset),
      isoOrEmpty(m.timestamp),
      m.timestampType,
      m.key ?? '',
      m.keyEncoding ?? '',
      m.value ?? '',
      m.valueEncoding ?? '',
      JSON.stringify(m.headers),
      String(m.size),
    ];
    rows.push(cells.map(csvField).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

/** The records as a pretty JSON array, exactly as the API gave them. */
export function messagesToJson(messages: readonly Message[]): string {
  return JSON.stringify(messages, null, 2) + '\n';
}

/** A key or value on one table line: text with line breaks as spaces, binary as hex, cut at `max` characters. */
export function previewValue(text: string | null, encoding: Encoding | null, max = 160): string {
  if (text === null) return '';
  // only the start is shown: decode no more than that of a large binary value
  const bytes = Math.ceil(max / 3) + 1; // "ab " per byte
  const shown = encoding === 'base64' ? bytesToHex(base64ToBytes(text.slice(0, 4 * Math.ceil(bytes / 3)))) : text.slice(0, max + 1);
  const line = shown.replace(/\s+/g, ' ');
  return line.length > max ? line.slice(0, max) + '…' : line;
}
