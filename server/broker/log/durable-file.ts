// Writes that survive a power cut: a small file is replaced whole (write a temporary,
// fsync it, rename it over the old one, fsync the directory so the rename itself is on
// disk), so a reader finds either the old content or the new, never an empty or torn one.
import fs from 'node:fs';
import path from 'node:path';

export function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The directory's entries (a create, rename or unlink in it) reach the disk. */
export function fsyncDir(dir: string): void {
  try {
    fsyncPath(dir);
  } catch (e) {
    // some file systems refuse fsync on a directory; the rename is then as durable as they make it
    if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  }
}

let tmpCounter = 0;

export function writeFileDurably(file: string, content: string | Buffer): void {
  // a short temporary name: `<name>.tmp-…` would pass the file system's 255 bytes for a
  // topic name of 249 characters (Kafka's longest)
  const tmp = path.join(path.dirname(file), `.tmp-${process.pid}-${++tmpCounter}`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Removes a file or tree and makes the removal durable. */
export function removeDurably(p: string): void {
  fs.rmSync(p, { recursive: true, force: true });
  fsyncDir(path.dirname(p));
}
