#!/usr/bin/env python3
"""../shared/tools/nullsink.py that also stores what it gets: each Produce's record sets are
appended, as received, to one file per partition with os.write before the answer is sent.
No CRC, no index, no fsync: the least any broker that keeps its data does. `npm run bench --
rdkafka` prints it beside the null sink, so the cost of putting bytes in the page cache on the
machine at hand is measured in the same run as the broker (on the 2-core VM these figures come
from, one thread writes fresh page-cache memory at about 0.6 GB/s).
Usage: store-sink.py DATA_DIR PORT [PARTITIONS] [RECORD_BYTES]"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
NULLSINK = os.path.join(HERE, '..', '..', 'shared', 'tools', 'nullsink.py')
DATA = sys.argv[1]
sys.argv = [NULLSINK] + sys.argv[2:]

# nullsink.py starts its server on its last line; everything before it only defines. Run the
# definitions, put the storing Produce in place of its own, then start the server.
with open(NULLSINK) as f:
    source = f.read()
start = 'asyncio.run(main())'
if not source.rstrip().endswith(start):
    sys.exit(f'{NULLSINK} no longer ends with {start}; update store-sink.py')
ns = {'__name__': 'nullsink', '__file__': NULLSINK}
exec(compile(source.rstrip()[: -len(start)], NULLSINK, 'exec'), ns)
answer = ns['produce']
s16, s32, rstr = ns['s16'], ns['s32'], ns['rstr']
files = {}

def store_then_answer(req, o, ver):
    # Produce v3-v7 (what nullsink.py offers): transactional id, acks, timeout, then
    # [topic [partition, records]]
    q = rstr(req, o)[1] + 2 + 4
    topics = s32(req, q); q += 4
    for _ in range(topics):
        topic, q = rstr(req, q)
        parts = s32(req, q); q += 4
        for _ in range(parts):
            p = s32(req, q); size = s32(req, q + 4); q += 8
            fd = files.get((topic, p))
            if fd is None:
                fd = files[(topic, p)] = os.open(os.path.join(DATA, f'{topic}-{p}.log'), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            view = memoryview(req)[q:q + max(size, 0)]
            while view:
                view = view[os.write(fd, view):]
            q += max(size, 0)
    return answer(req, o, ver)

ns['produce'] = store_then_answer
exec(start, ns)
