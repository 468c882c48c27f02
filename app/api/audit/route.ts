import { AuditQuery, type AuditResponse } from '@/lib/contract/auth';
import { auditLog } from '@/server/audit/audit-log';
import { authService } from '@/server/auth/service';
import { auditVisibleTo, handle, json, parseQuery } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** The audit trail, newest first; admins only, each seeing the clusters they administer (and logins if they administer every cluster). */
export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, AuditQuery);
    const visible = auditVisibleTo();
    const log = auditLog(authService()?.settings.auditMaxBytes);
    const entries = log.read({ limit: 100_000, user: q.user, action: q.action }).filter(visible).slice(0, q.limit);
    const body: AuditResponse = { entries, maxBytes: log.maxBytes };
    return json(body);
  });
}
