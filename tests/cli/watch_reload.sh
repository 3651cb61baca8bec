# watch_reload.sh - hot reload: 2,000 articles on stdin with --jobs 2 and
# ten reloads along the way (the rule files changed, then SIGHUP): every
# article yields its two alerts, none twice, and both come from one rule
# set generation (the same "ruleset" hash); several generations were used.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/cli/watch_lib.bash"

mkdir rules
every_rule rules/every.lua 0 every
every_rule rules/every2.lua 0 every2
mkfifo feed
exec 3<>feed
start_watch_stdin feed -r rules --jobs 2 --stats-every 1 -
for g in $(seq 0 10); do
	records $((g * 200 + 1)) $(((g + 1) * 200 - ((g == 10) * 200))) >&3
	[ "$g" = 10 ] && break
	# Running (its signals handled) once an alert is out.
	[ "$g" = 0 ] && wait_until 20 has_lines 1 out
	every_rule rules/.new every-$g every && mv rules/.new rules/every.lua
	every_rule rules/.new every2-$g every2 && mv rules/.new rules/every2.lua
	kill -HUP "$WATCH_PID"
	wait_until 20 has_lines $((g + 1)) err 'generation [0-9]+ loaded'
done
exec 3>&-
wait_exit
expect_rc 0
python3 - out <<'PY' || fail "alerts and generations do not add up"
import json, sys, collections
by = collections.defaultdict(list)
for line in open(sys.argv[1]):
    o = json.loads(line)
    by[o["article"]["id"]].append((o["rule"], o["ruleset"]))
assert len(by) == 2000, f"{len(by)} articles alerted"
gens = set()
for aid, alerts in by.items():
    rules = sorted(r for r, _ in alerts)
    assert rules == ["every", "every2"], f"{aid}: {rules}"
    sets = {h for _, h in alerts}
    assert len(sets) == 1, f"{aid}: alerts from {sets}"
    gens |= sets
assert len(gens) >= 3, f"only {len(gens)} generations used"
print(f"{len(by)} articles, {len(gens)} generations", file=sys.stderr)
PY
pass
expect_grep '"reloads":(1[0-9]|[2-9][0-9])' err
echo "ok [$TEST_NAME]: $CHECKS checks"
