#!/bin/sh
# Live: the JSON "vm" object for this machine, checked against the files
# it comes from (cpuinfo, clocksources, the virtio_balloon driver
# directory, meminfo's Balloon:, the memory blocks).  What the machine
# lacks is skipped with the reason, not failed.  Then the KVM and Xen
# captures through --proc-root/--sys-root, and a sys root that is missing.
. "$(dirname "$0")/../lib.sh"
plan 21
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ZT_BIN" -b -n 1 --format json >"$tmp/out.json" 2>"$tmp/err"
check "batch json exits 0" [ $? -eq 0 ]

# SKIP lines become skips (tests/lib.sh checker_out)
python3 - "$tmp/out.json" >"$tmp/py" 2>&1 <<'PY'
import json, os, re, sys
vm = json.loads(open(sys.argv[1]).readline())["vm"]
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
def skip(why):
    print("SKIP " + why)
def read(path):
    try:
        return open(path).read()
    except OSError:
        return None

check("vm object present", isinstance(vm, dict))
flags = re.search(r"^flags\s*:(.*)$", read("/proc/cpuinfo") or "", re.M)
# every branch says as many lines (checks or skips): the plan holds
if flags is None:
    skip("hypervisor cpu flag: no x86 flags line in /proc/cpuinfo")
    skip("detected as a guest: no x86 flags line in /proc/cpuinfo")
elif "hypervisor" in flags.group(1).split():
    check("hypervisor cpu flag seen", vm["evidence"]["cpu_flag"] is True)
    check("detected as a guest", vm["guest"] is True)
else:
    check("no hypervisor flag: cpu_flag false", vm["evidence"]["cpu_flag"] is False)
    skip("detected as a guest: no hypervisor cpu flag")
clocks = (read("/sys/devices/system/clocksource/clocksource0/available_clocksource") or "").split()
if "kvm-clock" in clocks:
    check("kvm-clock registered: hypervisor KVM", vm["hypervisor"] == "KVM")
else:
    skip("no kvm-clock clocksource: not a KVM guest")
vendor = read("/sys/class/dmi/id/sys_vendor")
if vendor is None:
    check("no DMI: dmi_sys_vendor null", vm["evidence"]["dmi_sys_vendor"] is None)
else:
    check("DMI sys_vendor as in sysfs", vm["evidence"]["dmi_sys_vendor"] == vendor.strip())
d = "/sys/bus/virtio/drivers/virtio_balloon"
if os.path.isdir(d):
    devs = sorted(n for n in os.listdir(d) if re.fullmatch(r"virtio\d+", n))
    got = vm["balloon"]["drivers"]["virtio_balloon"]
    check("virtio_balloon bound devices as in sysfs", got is not None and got["bound"] == len(devs))
    if devs:
        check("virtio_balloon is the balloon driver", vm["balloon"]["driver"] == "virtio_balloon")
        feat = read("/sys/bus/virtio/devices/%s/features" % devs[0]).strip()
        check("deflate-on-OOM as feature bit 2", vm["balloon"]["deflate_on_oom"] == (feat[2] == "1"))
    else:
        skip("virtio_balloon is the balloon driver: no device bound")
        skip("deflate-on-OOM as feature bit 2: no device bound")
else:
    skip("virtio_balloon is the balloon driver: no virtio_balloon driver")
    skip("deflate-on-OOM as feature bit 2: no virtio_balloon driver")
    check("virtio_balloon null when absent", vm["balloon"]["drivers"]["virtio_balloon"] is None)
m = re.search(r"^Balloon:\s+(\d+) kB", read("/proc/meminfo"), re.M)
if m:
    check("meminfo Balloon as in /proc/meminfo", vm["balloon"]["meminfo_balloon_kb"] == int(m.group(1)))
    check("verdict given", vm["balloon"]["verdict"] in ("empty", "explains", "partly", "outside"))
else:
    check("no Balloon: line: null, never 0", vm["balloon"]["meminfo_balloon_kb"] is None)
    check("no counter said", vm["balloon"]["verdict_text"].startswith("no balloon counter on this kernel"))
mem = "/sys/devices/system/memory"
if os.path.isdir(mem):
    blocks = [n for n in os.listdir(mem) if re.fullmatch(r"memory\d+", n)]
    hp = vm["hotplug"]
    check("memory blocks counted", hp["blocks"] == len(blocks))
    check("block size from the hex file", hp["block_bytes"] == int(read(mem + "/block_size_bytes"), 16))
    online = sum(1 for n in blocks if read("%s/%s/state" % (mem, n)).strip() == "online")
    check("online blocks as in sysfs", hp["online"] == online)
    check("rows add up", sum(r["online"] + r["offline"] for r in hp["rows"]) + hp["other"] == hp["blocks"] or hp["rows_truncated"])
else:
    for w in ("blocks counted", "block size", "online blocks", "rows add up"):
        skip("memory %s: no /sys/devices/system/memory (no CONFIG_MEMORY_HOTPLUG)" % w)
PY
checker_out $? "$tmp/py" "vm json checker"

# The captures: the same figures from fixtures, on any machine
out=$("$ZT_BIN" -b -n 1 --format json --proc-root "$ZT_FIXTURES/proc-vm/kvm" \
    --sys-root "$ZT_FIXTURES/sys/kvm-virtio-balloon")
check "kvm capture exits 0" [ $? -eq 0 ]
echo "$out" | python3 -c '
import json, sys
vm = json.loads(sys.stdin.read())["vm"]
assert vm["hypervisor"] == "KVM" and vm["product"] == "Firecracker", vm
assert vm["balloon"]["drivers"]["virtio_balloon"]["devices"] == ["virtio0"]
assert vm["balloon"]["verdict"] == "empty"
assert vm["hotplug"]["blocks"] == 192 and vm["hotplug"]["block_bytes"] == 134217728
' && ok "kvm capture: KVM/Firecracker, virtio0, 192 blocks" || notok "kvm capture: KVM/Firecracker, virtio0, 192 blocks"

out=$("$ZT_BIN" -b -n 1 --proc-root "$ZT_FIXTURES/proc-vm/xen" \
    --sys-root "$ZT_FIXTURES/sys/xen-guest" 2>&1)
contains "xen capture: text names the guest" "$out" "Xen guest (HVM domU)"
contains "xen capture: balloon figures" "$out" "xen: current 1572864 kB  target 1572864 kB"

out=$("$ZT_BIN" -b -n 1 --sys-root "$tmp/nonexistent" 2>&1); rc=$?
check "missing sys root exits non-zero" [ $rc -ne 0 ]
contains "missing sys root: one clear line" "$out" "nonexistent: missing"
done_testing
