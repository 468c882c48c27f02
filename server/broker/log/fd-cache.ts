// Open file handles, least recently used closed first. Thousands of partitions mean tens of
// thousands of segment and index files; the process may hold only so many (20,000 here),
// so every file is opened on demand through this cache and never held elsewhere.
import fs from 'node:fs';

export class FdCache {
  private readonly open = new Map<string, number>(); // Map order is the LRU order

  constructor(readonly max = 1000) {}

  get size(): number {
    return this.open.size;
  }

  /** A read-write descriptor for path, created if missing. Positional I/O only. */
  fd(path: string): number {
    const fd = this.open.get(path);
    if (fd !== undefined) {
      this.open.delete(path);
      this.open.set(path, fd);
      return fd;
    }
    while (this.open.size >= this.max) {
      const [oldPath, oldFd] = this.open.entries().next().value as [string, number];
      this.open.delete(oldPath);
      fs.closeSync(oldFd);
    }
    const opened = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    this.open.set(path, opened);
    return opened;
  }

  close(path: string): void {
    const fd = this.open.get(path);
    if (fd !== undefined) {
      this.open.delete(path);
      fs.closeSync(fd);
    }
  }

  closeUnder(dir: string): void {
    for (const path of [...this.open.keys()]) if (path.startsWith(dir)) this.close(path);
  }

  closeAll(): void {
    for (const fd of this.open.values()) fs.closeSync(fd);
    this.open.clear();
  }
}
