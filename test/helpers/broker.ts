// Test harness: a real broker on an ephemeral port over real TCP, in its own temp data dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrokerConfig } from '../../server/broker/config';
import { startBroker, type Broker } from '../../server/broker/server';

export interface TestBroker extends Broker {
  dataDir: string;
  address: string;
  logs: string[];
  /** Stops the broker (keeping its data dir) and starts a new one on the same port and dir. */
  restart(overrides?: Partial<BrokerConfig>): Promise<TestBroker>;
  /** Stops the broker and removes its data dir. */
  destroy(): Promise<void>;
}

export function tempDir(prefix = 'offsetscope-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestBroker(overrides: Partial<BrokerConfig> = {}): Promise<TestBroker> {
  const dataDir = overrides.dataDir ?? tempDir();
  const logs: string[] = [];
  const broker = await startBroker({ host: '127.0.0.1', port: 0, ...overrides, dataDir }, (m) => logs.push(m));
  const tb: TestBroker = {
    ...broker,
    dataDir,
    address: `127.0.0.1:${broker.port}`,
    logs,
    async restart(more = {}) {
      await broker.close();
      const listeners = overrides.listeners ? broker.listeners.map((l) => `${l.protocol}://${l.host}:${l.port}`).join(',') : undefined;
      return startTestBroker({ ...overrides, ...more, dataDir, port: broker.port, ...(listeners ? { listeners } : {}) });
    },
    async destroy() {
      await broker.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return tb;
}
