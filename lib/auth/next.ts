// Where to go after logging in: only a path of this site, never another site (an open
// redirect would let a link to our login page send people anywhere).
export function safeNext(next: string | null): string {
  // browsers drop tabs and newlines from URLs and read a backslash as a slash: `/\t/evil.example` is `//evil.example`
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next) || next.startsWith('//')) return '/';
  return next;
}
