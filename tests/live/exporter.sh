#!/bin/sh
# Live: zonetop --listen, the Prometheus exporter, through a real HTTP
# client (python's urllib and raw sockets): /metrics parsed by the strict
# OpenMetrics parser (python3-prometheus-client), HEAD, wrong paths,
# wrong methods, oversized headers, garbage, many connections at once,
# the scrape-timeout header, the default bind address, bad --listen
# arguments, a clean stop; the alerting rules in contrib/ checked by
# promtool (package prometheus) and for metric names zonetop exports.
. "$(dirname "$0")/../lib.sh"
plan 56
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
port=$((20000 + $$ % 20000))
port2=$((port + 1))
zpid=""
trap '[ -n "$zpid" ] && kill -9 $zpid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

"$ZT_BIN" --listen "127.0.0.1:$port" --cgroup / --no-mlock --no-oom-adj 2>"$tmp/err" &
zpid=$!
up=0
for _ in $(seq 1 100); do
	if /usr/bin/python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/metrics', timeout=5)" 2>/dev/null; then up=1; break; fi
	sleep 0.1
done
check "exporter answers on 127.0.0.1:$port" [ $up -eq 1 ]
contains "says where it serves" "$(cat "$tmp/err")" "serving http://127.0.0.1:$port/metrics"

/usr/bin/python3 - "$port" "$root/contrib/zonetop.rules.yml" >"$tmp/py" 2>&1 <<'PY'
import socket, sys, time, threading, urllib.request, urllib.error, re
from prometheus_client.openmetrics.parser import text_string_to_metric_families
port = int(sys.argv[1])
base = "http://127.0.0.1:%d" % port
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
def get(path, method="GET", headers={}, data=None):
    req = urllib.request.Request(base + path, method=method, headers=headers, data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()

st, hd, body = get("/metrics")
check("GET /metrics: 200", st == 200)
check("content type is OpenMetrics 1.0.0", hd.get("Content-Type", "").startswith("application/openmetrics-text; version=1.0.0"))
text = body.decode()
check("ends with # EOF", text.endswith("# EOF\n"))
try:
    fams = {f.name: f for f in text_string_to_metric_families(text)}
    check("the strict OpenMetrics parser accepts it (%d families)" % len(fams), True)
except Exception as e:
    fams = {}
    check("the strict OpenMetrics parser accepts it: %s" % e, False)
for name in ["zonetop_zone_free_bytes", "zonetop_zone_below_watermark", "zonetop_alloc_ok",
             "zonetop_oom_kills", "zonetop_unaccounted_ratio", "zonetop_predicted_victim_pid",
             "zonetop_process_oom_score", "zonetop_cgroup_memory_usage_bytes"]:
    check("family " + name, name in fams)
if "zonetop_alloc_ok" in fams:
    s = [x for x in fams["zonetop_alloc_ok"].samples if x.labels == {"class": "GFP_KERNEL", "order": "0"}]
    check("GFP_KERNEL order 0 has its sample", len(s) == 1 and s[0].value in (0, 1))
mt = [l for l in open("/proc/meminfo") if l.startswith("MemTotal:")][0].split()[1]
check("zonetop_memory_total_bytes is MemTotal", "zonetop_memory_total_bytes %d\n" % (int(mt) * 1024) in text)

st, hd, body = get("/metrics", method="HEAD")
check("HEAD /metrics: 200, no body", st == 200 and body == b"")
st, _, _ = get("/")
check("GET /: 200", st == 200)
st, _, _ = get("/metrics/../etc/passwd")
check("GET /metrics/../etc/passwd: 404", st == 404)
st, _, _ = get("/nothing")
check("GET /nothing: 404", st == 404)
st, hd, _ = get("/metrics", method="POST", data=b"x=1")
check("POST /metrics: 405 with Allow", st == 405 and "GET" in hd.get("Allow", ""))
st, _, _ = get("/metrics", method="DELETE")
check("DELETE /metrics: 405", st == 405)
try:
    st, _, _ = get("/metrics", headers={"X-Huge": "a" * 60000})
except Exception:
    st = -1    # closed on us: also a refusal
check("a 60 KB header: refused with 431/413 or a close (%s)" % st, st in (431, 413, -1))
t0 = time.time()
st, _, _ = get("/metrics", headers={"X-Prometheus-Scrape-Timeout-Seconds": "0.6"})
check("a scrape with a 0.6 s timeout: 200 within it (%.2f s)" % (time.time() - t0), st == 200 and time.time() - t0 < 2)
st, _, _ = get("/metrics", headers={"X-Prometheus-Scrape-Timeout-Seconds": "nonsense"})
check("a nonsense timeout header: still 200", st == 200)

def raw(data):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(data)
        got = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            got += b
        return got
    except OSError:
        return b""
    finally:
        s.close()
r = raw(b"\x00\xffGARBAGE\r\n\r\n")
check("garbage bytes: a 4xx or a close (%r)" % r[:20], r == b"" or re.match(rb"HTTP/1\.[01] 4\d\d", r) is not None)
r = raw(b"GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
check("a negative Content-Length: a 4xx or a close", r == b"" or re.match(rb"HTTP/1\.[01] 4\d\d", r) is not None)
r = raw(b"GET " + b"/" * 70000 + b" HTTP/1.1\r\n\r\n")
check("a 70 KB request line: a 4xx or a close", r == b"" or re.match(rb"HTTP/1\.[01] 4\d\d", r) is not None)
r = raw(b"GET /metrics HTTP/1.0\r\n\r\n")
check("HTTP/1.0 GET: 200", r.startswith(b"HTTP/1.") and b" 200 " in r[:20])
# a client that connects and says nothing must not hold the others
idle = socket.create_connection(("127.0.0.1", port), timeout=10)
res = []
def one():
    try:
        res.append(get("/metrics")[0])
    except Exception as e:
        res.append(str(e))
ts = [threading.Thread(target=one) for _ in range(12)]
for t in ts: t.start()
for t in ts: t.join()
idle.close()
check("12 scrapes at once beside an idle connection: all 200 (%s)" % sorted(set(map(str, res))), res.count(200) == 12)
st, _, body = get("/metrics")
check("still serving after all that", st == 200 and body.endswith(b"# EOF\n"))

# every metric the rules use is one zonetop exports
rules = open(sys.argv[2]).read()
names = set(re.findall(r"\b(zonetop_[a-z0-9_]+)", rules))
exported = set(fams) | {s.name for f in fams.values() for s in f.samples}
missing = sorted(n for n in names if n not in exported)
check("every metric in the rules is exported (%d names; missing: %s)" % (len(names), missing), names and not missing)
PY
checker_out $? "$tmp/py" "the metrics checker"

kill -TERM "$zpid"
for _ in $(seq 1 50); do kill -0 "$zpid" 2>/dev/null || break; sleep 0.1; done
wait "$zpid"; rc=$?
zpid=""
check "SIGTERM: exits 0 ($rc)" [ $rc -eq 0 ]
lacks "no sanitizer report" "$(cat "$tmp/err")" "Sanitizer"

# a stalled sample does not hold a scrape past its timeout: each sample
# takes 3 s longer here (as a /proc read stuck behind a lock would);
# before the first completes a scrape gets 503, after it the last
# completed sample, both within the scrape timeout
ZT_TEST_SAMPLE_STALL=3 "$ZT_BIN" --listen "127.0.0.1:$port2" --no-mlock --no-oom-adj 2>"$tmp/err3" &
zpid=$!
for _ in $(seq 1 100); do grep -q serving "$tmp/err3" && break; sleep 0.1; done
/usr/bin/python3 - "$port2" >"$tmp/py3" 2>&1 <<'PY'
import sys, time, urllib.request, urllib.error
url = "http://127.0.0.1:%s/metrics" % sys.argv[1]
def scrape(timeout_s):
    req = urllib.request.Request(url, headers={"X-Prometheus-Scrape-Timeout-Seconds": str(timeout_s)})
    t0 = time.time()
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            st, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        st, body = e.code, e.read()
    return st, body, time.time() - t0
st, body, dt = scrape(1.5)
print(("ok" if st == 503 and dt < 1.5 else "FAIL") + " first sample stalled: 503 within the 1.5 s timeout (%d in %.2f s)" % (st, dt))
time.sleep(3.5)    # the first sample completes
st, body, dt = scrape(1.5)
print(("ok" if st == 200 and dt < 1.5 and body.endswith(b"# EOF\n") else "FAIL") +
      " next sample stalled: the last completed one within the 1.5 s timeout (%d in %.2f s)" % (st, dt))
PY
checker_out $? "$tmp/py3" "the stall checker"
kill -TERM "$zpid"; wait "$zpid"; zpid=""

# the default address is 127.0.0.1
"$ZT_BIN" --listen "$port2" --no-mlock --no-oom-adj 2>"$tmp/err2" &
zpid=$!
for _ in $(seq 1 100); do grep -q serving "$tmp/err2" && break; sleep 0.1; done
contains "PORT alone binds 127.0.0.1" "$(cat "$tmp/err2")" "serving http://127.0.0.1:$port2/metrics"
ls=$(ss -ltnH "sport = :$port2" 2>/dev/null)
contains "the socket listens on 127.0.0.1 only" "$ls" "127.0.0.1:$port2"
kill -TERM "$zpid"; wait "$zpid"; zpid=""

for bad in "abc" "1.2.3.4:0" "1.2.3.4:70000" "[::1]9100" "host.example:80" ":9100" "[zz]:1"; do
	out=$("$ZT_BIN" --listen "$bad" 2>&1); rc=$?
	check "--listen '$bad': exit 2 ($rc)" [ $rc -eq 2 ]
	contains "--listen '$bad': one line says why" "$out" "zonetop: --listen:"
done
"$ZT_BIN" --listen "127.0.0.1:$port2" --no-mlock --no-oom-adj 2>/dev/null &
zpid=$!
sleep 1
out=$("$ZT_BIN" --listen "127.0.0.1:$port2" --no-mlock --no-oom-adj 2>&1); rc=$?
check "a port in use: exit 1 ($rc)" [ $rc -eq 1 ]
contains "a port in use: says so" "$out" "cannot listen there"
kill -TERM "$zpid"; wait "$zpid"; zpid=""

# the rules
if command -v promtool >/dev/null 2>&1; then
	out=$(promtool check rules "$root/contrib/zonetop.rules.yml" 2>&1)
	check "promtool check rules accepts contrib/zonetop.rules.yml" [ $? -eq 0 ]
	contains "promtool: six rules" "$out" "SUCCESS: 6 rules found"
else
	notok "promtool missing (scripts/deps.sh test installs prometheus)"
fi
done_testing
