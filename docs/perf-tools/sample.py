#!/usr/bin/env python3
"""Every N s: wall time, load, RSS + heap of PID, Flink REST backpressure of every vertex; writes CSV-ish lines."""
import sys, time, json, subprocess, urllib.request, os
pid, port, every, total = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
base = 'http://127.0.0.1:%d' % port
def get(p):
    with urllib.request.urlopen(base + p, timeout=10) as r: return json.load(r)
t0 = time.time()
while time.time() - t0 < total:
    row = {'t': time.strftime('%H:%M:%S', time.gmtime()), 'load1': os.getloadavg()[0]}
    try:
        row['rss_mb'] = int(open('/proc/%d/status' % pid).read().split('VmRSS:')[1].split()[0]) // 1024
        h = subprocess.run(['jcmd', str(pid), 'GC.heap_info'], capture_output=True, text=True, timeout=20).stdout
        for l in h.splitlines():
            if 'total' in l and 'used' in l:
                row['heap'] = ' '.join(l.split()[-4:]); break
    except Exception as e: row['err'] = str(e)[:80]
    try:
        jobs = [j for j in get('/jobs')['jobs'] if j['status'] == 'RUNNING']
        if jobs:
            jid = jobs[0]['id']; js = get('/jobs/' + jid)
            bp = {}
            for v in js['vertices']:
                try:
                    b = get('/jobs/%s/vertices/%s/backpressure' % (jid, v['id']))
                except Exception:  # Flink 1.20 answers 500 for a vertex whose subtasks all finished
                    b = {'backpressureLevel': 'n/a (' + v.get('status', '?').lower() + ')'}
                lvl = b.get('backpressureLevel', b.get('status'))
                busy = max((s.get('busyRatio', 0) for s in b.get('subtasks', [])), default=None)
                bpr = max((s.get('ratio', 0) for s in b.get('subtasks', [])), default=None)
                bp[v['name'][:28]] = (lvl, bpr, busy)
            row['bp_levels'] = sorted({x[0] for x in bp.values()})
            row['max_bp_ratio'] = max((x[1] or 0) for x in bp.values())
            row['max_busy'] = max(((x[2] or 0), k) for k, x in bp.items())
            row['n_vertices'] = len(bp)
            m = get('/jobs/%s/checkpoints' % jid)
            lc = (m.get('latest') or {}).get('completed') or {}
            row['ckpt'] = (m['counts']['completed'], m['counts']['failed'], lc.get('state_size'), lc.get('end_to_end_duration'))
    except Exception as e: row['rest_err'] = str(e)[:80]
    print(json.dumps(row), flush=True)
    time.sleep(every)
