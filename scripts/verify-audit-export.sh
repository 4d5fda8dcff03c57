#!/usr/bin/env bash
# Verifies a JSON Lines export of the audit trail offline, with jq, sha256sum and awk only:
# every event's hash is recomputed from its fields (the canonical form is the compact JSON
# array below), each event must link to the one before it, and seq must have no gaps.
#
#   scripts/verify-audit-export.sh audit.jsonl [expected-head-hash]
#
# An export from the first event on is checked from the genesis hash; a filtered or partial
# export is checked for hashes only (links are checked where events are consecutive).
set -euo pipefail
file=${1:?usage: verify-audit-export.sh audit.jsonl [expected-head-hash]}
expected_head=${2:-}

canonical='[.seq,.event_id,.occurred_at,.actor_id,.actor_username,.client_ip,.user_agent,.correlation_id,.action,.outcome,.target_type,.target_id,.target_path,.request_id,.gitlab_token_id,.token_fingerprint,.details,.prev_hash]'

jq -c "$canonical" "$file" | while IFS= read -r line; do
  printf '%s' "$line" | sha256sum | cut -d' ' -f1
done | paste -d' ' - <(jq -r '[.seq, .hash, .prev_hash] | @tsv' "$file" | tr '\t' ' ') |
awk -v expected_head="$expected_head" '
  {
    computed = $1; seq = $2; hash = $3; prev = $4
    if (computed != hash) { printf "event %s: its fields do not hash to its stored hash (changed)\n", seq; bad = 1; exit 1 }
    if (NR == 1 && seq == 1 && prev != sprintf("%064d", 0)) { print "event 1 does not start from the genesis hash"; bad = 1; exit 1 }
    if (NR > 1 && seq == last_seq + 1 && prev != last_hash) { printf "event %s does not link to event %s\n", seq, last_seq; bad = 1; exit 1 }
    if (NR > 1 && seq != last_seq + 1) { gaps = gaps " " last_seq "->" seq }
    last_seq = seq; last_hash = hash; n++
  }
  END {
    if (bad) exit 1
    if (n == 0) { print "no events in the export"; exit 1 }
    if (expected_head != "" && last_hash != expected_head) { printf "the last event (%s) is not the expected head\n", last_seq; exit 1 }
    printf "OK: %d events, every hash matches; last event %s, hash %s\n", n, last_seq, last_hash
    if (gaps != "") printf "note: the export skips events (filtered?):%s\n", gaps
  }'
