#!/usr/bin/env bash
# Verifies a JSON Lines export of the audit trail offline, with bash, jq, awk, xargs and the
# coreutils (sha256sum, od, paste, mkfifo) only:
# every event's hash is recomputed from its fields (the canonical form is the compact JSON
# array below), each event must link to the one before it, and seq must have no gaps.
#
#   PORTAL_AUDIT_KEY=… scripts/verify-audit-export.sh audit.jsonl [expected-head-hash]
#
# Events with "hash_alg":"hmac-sha256" are sealed with HMAC-SHA256 under the audit key, which
# is read from the environment (PORTAL_AUDIT_KEY), never from the command line; events written
# before the chain was keyed carry plain SHA-256 and are accepted only before the first keyed
# one. An export from the first event on is checked from the genesis hash; a filtered or
# partial export is checked for hashes only (links are checked where events are consecutive).
# The portal exports sealed events only; a line without a seq (an event appended but not yet
# sealed into the chain) is left out and counted, never verified.
set -euo pipefail
file=${1:?usage: PORTAL_AUDIT_KEY=… verify-audit-export.sh audit.jsonl [expected-head-hash]}
expected_head=${2:-}

canonical='[.seq,.event_id,.occurred_at,.actor_id,.actor_username,.client_ip,.user_agent,.correlation_id,.action,.outcome,.target_type,.target_id,.target_path,.request_id,.gitlab_token_id,.token_fingerprint,.details,.prev_hash]'

if jq -e 'select(.hash_alg == "hmac-sha256")' "$file" >/dev/null && [ -z "${PORTAL_AUDIT_KEY:-}" ]; then
  echo "the export holds events sealed with the audit key: set PORTAL_AUDIT_KEY to verify them" >&2
  exit 2
fi

# HMAC-SHA256 (RFC 2104) built on sha256sum: the key's pads exist only inside this shell
ipad='' opad=''
if [ -n "${PORTAL_AUDIT_KEY:-}" ]; then
  key_hex=$(printf '%s' "$PORTAL_AUDIT_KEY" | od -An -v -tx1 | tr -d ' \n')
  if [ ${#key_hex} -gt 128 ]; then
    read -r key_hex _ < <(printf '%s' "$PORTAL_AUDIT_KEY" | sha256sum)
  fi
  while [ ${#key_hex} -lt 128 ]; do key_hex+=00; done
  for ((i = 0; i < 128; i += 2)); do
    byte=$((16#${key_hex:i:2}))
    printf -v pad '\\x%02x' $((byte ^ 0x36))
    ipad+=$pad
    printf -v pad '\\x%02x' $((byte ^ 0x5c))
    opad+=$pad
  done
fi

# The hashes are computed in two passes of one sha256sum each, however long the export: a writer
# feeds one message after the other into two named pipes, in turn, while sha256sum reads them
# in the same order (it closes each before it opens the next, so a pipe is never reused early).
# Pipes hold no data at rest: the key's pads never reach a disk. Pass one hashes each
# canonical line (behind the inner pad when keyed); pass two the keyed ones' outer step.
tmp=$(mktemp -d)
writer=''
trap 'if [ -n "$writer" ]; then kill "$writer" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT
awaiting=$(jq -c 'select(.seq == null)' "$file" | wc -l)
jq -c 'select(.seq != null)' "$file" >"$tmp/sealed"
file="$tmp/sealed"
jq -c "$canonical" "$file" >"$tmp/canonical"
jq -r '.hash_alg // "sha256"' "$file" >"$tmp/algs"
mkfifo "$tmp/p0" "$tmp/p1"

# hash_all WRITER COUNT: the SHA-256 of each of the COUNT messages WRITER sends, one a line
hash_all() {
  "$1" &
  writer=$!
  awk -v n="$2" -v dir="$tmp" 'BEGIN { for (i = 0; i < n; i++) printf "%s/p%d%c", dir, i % 2, 0 }' |
    xargs -0 -r sha256sum | awk '{ print $1 }'
  wait "$writer"
  writer=''
}

write_inner() {
  local i=0 alg line
  while IFS=$'\t' read -r alg line; do
    if [ "$alg" = hmac-sha256 ]; then
      { printf "$ipad"; printf '%s' "$line"; } >"$tmp/p$((i % 2))"
    else
      printf '%s' "$line" >"$tmp/p$((i % 2))"
    fi
    i=$((i + 1))
  done < <(paste -d '\t' "$tmp/algs" "$tmp/canonical")
}

write_outer() {
  local i=0 alg inner bytes j
  while read -r alg inner; do
    [ "$alg" = hmac-sha256 ] || continue
    bytes=''
    for ((j = 0; j < 64; j += 2)); do bytes+="\\x${inner:j:2}"; done
    printf "$opad$bytes" >"$tmp/p$((i % 2))"
    i=$((i + 1))
  done < <(paste -d ' ' "$tmp/algs" "$tmp/inner")
}

hash_all write_inner "$(wc -l <"$tmp/canonical")" >"$tmp/inner"
hash_all write_outer "$(grep -cx 'hmac-sha256' "$tmp/algs" || true)" >"$tmp/outer"

paste -d ' ' "$tmp/algs" "$tmp/inner" |
awk -v outer="$tmp/outer" '
  $1 == "hmac-sha256" { getline hash <outer; print hash, $1; next }
  $1 == "sha256" { print $2, $1; next }
  { print "unknown", $1 }
' | paste -d' ' - <(jq -r '[.seq, .hash, .prev_hash] | @tsv' "$file" | tr '\t' ' ') |
awk -v expected_head="$expected_head" '
  {
    computed = $1; alg = $2; seq = $3; hash = $4; prev = $5
    if (seq + 0 < 1) { printf "event %s stands before the first event (the trail starts at event 1): it was inserted past the portal\n", seq; bad = 1; exit 1 }
    if (computed == "unknown") { printf "event %s: unknown hash_alg %s\n", seq, alg; bad = 1; exit 1 }
    if (alg == "hmac-sha256") keyed = 1
    else if (keyed) { printf "event %s is not sealed with the audit key although earlier events are (added without the key)\n", seq; bad = 1; exit 1 }
    if (computed != hash) {
      if (alg == "hmac-sha256") printf "event %s: its fields do not hash to its stored hash (changed, written without the audit key, or PORTAL_AUDIT_KEY is not the key)\n", seq
      else printf "event %s: its fields do not hash to its stored hash (changed)\n", seq
      bad = 1; exit 1
    }
    if (NR == 1 && seq == 1 && prev != sprintf("%064d", 0)) { print "event 1 does not start from the genesis hash"; bad = 1; exit 1 }
    if (NR > 1 && seq == last_seq + 1 && prev != last_hash) { printf "event %s does not link to event %s\n", seq, last_seq; bad = 1; exit 1 }
    if (NR > 1 && seq != last_seq + 1) { gaps = gaps " " last_seq "->" seq }
    last_seq = seq; last_hash = hash; n++; if (alg == "hmac-sha256") k++
  }
  END {
    if (bad) exit 1
    if (n == 0) { print "no events in the export"; exit 1 }
    if (expected_head != "" && last_hash != expected_head) { printf "the last event (%s) is not the expected head\n", last_seq; exit 1 }
    printf "OK: %d events, every hash matches (%d sealed with the audit key); last event %s, hash %s\n", n, k, last_seq, last_hash
    if (gaps != "") printf "note: the export skips events (filtered?):%s\n", gaps
  }'
if [ "$awaiting" -gt 0 ]; then
  echo "note: $awaiting event(s) in the export await sealing (no seq yet) and were not verified"
fi
