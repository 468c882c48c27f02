// Where to go after logging in: only a path of this site, never another site (an open
// redirect would let a link to our login page send people anywhere).
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
