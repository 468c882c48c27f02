'use client';
// "Start demo": a few topics and a slow producer. On an external cluster the server only
// writes after an explicit confirmation, so ask first and then send confirmExternal.
import { useState } from 'react';
import type { ClusterResponse } from '@/lib/contract/cluster';
import type { useStartDemo } from '@/lib/queries/cluster';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';

export function StartDemoButton({ cluster, demo }: { cluster: ClusterResponse; demo: ReturnType<typeof useStartDemo> }) {
  const [confirming, setConfirming] = useState(false);
  const external = cluster.mode === 'external';
  return (
    <>
      <Button variant="primary" disabled={demo.isPending} onClick={() => (external ? setConfirming(true) : demo.mutate(false))}>
        {demo.isPending ? 'Starting demo…' : 'Start demo'}
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Write demo data to an external cluster?">
        <p className="text-sm">
          This cluster (<code className="font-mono">{cluster.bootstrap}</code>) is not the embedded broker. The demo creates the topics{' '}
          <code className="font-mono">test_topic</code>, <code className="font-mono">orders</code>, <code className="font-mono">payments</code> and{' '}
          <code className="font-mono">clickstream</code> there and keeps producing a few records every second while offsetscope runs.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button
            variant="primary"
            onClick={() => {
              setConfirming(false);
              demo.mutate(true);
            }}
          >
            Write demo data
          </Button>
        </div>
      </Dialog>
    </>
  );
}
