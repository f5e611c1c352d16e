#!/usr/bin/env python3
# Used for docs/PERF.md §7 (docs/perf-replay-flame.svg): python3 flame.py replay.folded out.svg "title" [N top frames]
"""folded stacks -> flame graph SVG (self-contained, no JS needed; <title> tooltips), and top-frame tables."""
import sys, html, zlib
from collections import defaultdict
src, out, title = sys.argv[1], sys.argv[2], sys.argv[3]
root = {}
total = 0
stacks = []
for line in open(src):
    stack, n = line.rstrip('\n').rsplit(' ', 1)
    n = int(n); total += n
    stacks.append((stack.split(';'), n))
    node = root
    for f in stack.split(';'):
        c = node.setdefault(f, [0, {}]); c[0] += n; node = c[1]
W, FH, PAD = 1800, 16, 10
def depth(node):
    return 1 + max((depth(c[1]) for c in node.values()), default=0) if node else 0
D = depth(root)
H = (D + 3) * FH + 2 * PAD
rects = []
def color(name):
    h = zlib.crc32(name.encode())
    if name.startswith('['): return 'rgb(200,200,200)'
    if name.split('.')[0] in ('Unsafe','String','StringLatin1','StringUTF16','Arrays','HashMap','ArrayList','Integer','Long','Math','Object','System','Thread'):
        return 'rgb(%d,%d,%d)' % (80 + h % 60, 150 + h % 80, 200)
    return 'rgb(%d,%d,%d)' % (205 + h % 50, 80 + (h >> 8) % 120, 40 + (h >> 16) % 40)
def walk(node, x, d):
    for name, (n, ch) in sorted(node.items()):
        w = n / total * (W - 2 * PAD)
        if w >= 1.0:
            y = H - PAD - (d + 1) * FH
            label = name if w > 7 * len(name) else (name[: int(w / 7) - 2] + '..' if w > 30 else '')
            rects.append('<g><title>%s (%d samples, %.2f%%)</title><rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" rx="2"/>'
                         '<text x="%.1f" y="%d">%s</text></g>' % (html.escape(name), n, 100.0 * n / total, x, y, w, FH - 1,
                         color(name), x + 3, y + FH - 4, html.escape(label)))
            walk(ch, x, d + 1)
        x += w
walk(root, PAD, 0)
with open(out, 'w') as f:
    f.write('<?xml version="1.0" standalone="no"?>\n<svg version="1.1" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">\n' % (W, H))
    f.write('<style>text{font-family:monospace;font-size:11px;fill:#000;pointer-events:none}</style>\n')
    f.write('<rect width="100%%" height="100%%" fill="#f8f8f0"/><text x="%d" y="%d" style="font-size:14px">%s — %d samples; bottom row = thread, leaf = top of stack; hover for counts</text>\n' % (PAD, PAD + 12, html.escape(title), total))
    f.write('\n'.join(rects)); f.write('\n</svg>\n')
# tables
selfc, incl = defaultdict(int), defaultdict(int)
for fr, n in stacks:
    selfc[fr[-1]] += n
    for f in set(fr[1:]): incl[f] += n
print('total samples', total)
print('\n| self samples | % | top frame (leaf) |\n|---|---|---|')
for f, n in sorted(selfc.items(), key=lambda x: -x[1])[:int(sys.argv[4]) if len(sys.argv) > 4 else 20]:
    print('| %d | %.1f | `%s` |' % (n, 100.0 * n / total, f))
