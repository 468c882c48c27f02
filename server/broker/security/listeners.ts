// Listeners as Kafka writes them: `PLAINTEXT://host:port`, `SSL://…`, `SASL_PLAINTEXT://…`,
// `SASL_SSL://…`. Without any, the broker has one PLAINTEXT listener on --host/--port.
export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];

export interface Listener {
  protocol: SecurityProtocol;
  host: string;
  port: number;
}

export const usesTls = (l: Listener) => l.protocol === 'SSL' || l.protocol === 'SASL_SSL';
export const usesSasl = (l: Listener) => l.protocol === 'SASL_PLAINTEXT' || l.protocol === 'SASL_SSL';

export function parseListeners(spec: string, host: string, port: number): Listener[] {
  if (!spec.trim()) return [{ protocol: 'PLAINTEXT', host, port }];
  return spec.split(',').map((raw) => {
    const m = /^([A-Z_]+):\/\/(\[[^\]]+\]|[^:]*):(\d+)$/.exec(raw.trim());
    if (!m) throw new Error(`a listener is PROTOCOL://host:port, got '${raw.trim()}'`);
    const protocol = m[1] as SecurityProtocol;
    if (!SECURITY_PROTOCOLS.includes(protocol)) throw new Error(`unknown listener protocol ${m[1]} (known: ${SECURITY_PROTOCOLS.join(', ')})`);
    const p = Number(m[3]);
    if (p > 65535) throw new Error(`listener port ${p} is above 65535`);
    return { protocol, host: m[2].replace(/^\[|\]$/g, '') || host, port: p };
  });
}
