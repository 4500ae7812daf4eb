#!/usr/bin/env bash
# Try Outdial on SIP (issue 14), all on loopback: sipp (Debian sip-tester) plays the customers —
# each answers, talks a moment (sipp's G.711 recording) and hangs up — and `outdial serve
# --telephony sip` dials them on a trunk configured through the API, while this script plays the
# desk agent agent-15 (answers the reservation, ends each wrap-up). After CALLS closed attempts it
# prints them and stops both. Usage: scripts/try-sip.sh [CALLS]   (default 5; needs sipp, curl, node)
set -euo pipefail

CALLS="${1:-5}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
SIPP=/usr/bin/sipp
SIPP_PORT="${SIPP_PORT:-5070}"
SIP_PORT="${SIP_PORT:-5062}"
HTTP_PORT="${HTTP_PORT:-8089}"
PASSWORD='try-sip-admin-password'
TIME_LIMIT_SEC=120

[ -x "$SIPP" ] || { echo "sipp is missing: apt-get install sip-tester" >&2; exit 1; }
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# JSON field of stdin, by a JavaScript expression on `j`.
field() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log($1)})"; }

echo "sipp customers on 127.0.0.1:$SIPP_PORT"
timeout "$TIME_LIMIT_SEC" "$SIPP" -sf "$HERE/test/sip/scenarios/customer-bye.xml" -i 127.0.0.1 \
  -p "$SIPP_PORT" -mp 16000 -m 1000 -nostdin </dev/null >/dev/null 2>"$WORK/sipp.err" &
PIDS+=("$!")

echo "outdial serve --telephony sip on http://127.0.0.1:$HTTP_PORT (SIP 127.0.0.2:$SIP_PORT)"
OUTDIAL_LOG_LEVEL=warn node "$HERE/bin/outdial.mjs" serve --telephony sip \
  --sip-host 127.0.0.2 --sip-port "$SIP_PORT" --rtp-port-min 21000 --rtp-port-max 21199 \
  --port "$HTTP_PORT" --data-dir "$WORK/data" --admin-password "$PASSWORD" \
  >"$WORK/outdial.log" 2>&1 &
PIDS+=("$!")
URL="http://127.0.0.1:$HTTP_PORT"
for _ in $(seq 1 100); do
  curl -sf "$URL/healthz" >/dev/null 2>&1 && break
  sleep 0.3
done
curl -sf "$URL/healthz" >/dev/null || { cat "$WORK/outdial.log" >&2; exit 1; }

TOKEN="$(curl -sf -X POST "$URL/v1/auth/token" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" | field j.token)"
api() { curl -sf -X "$1" "$URL$2" -H "authorization: Bearer $TOKEN" ${3:+-H 'content-type: application/json' -d "$3"}; }

# Only the progressive demo campaign (renewals) dials here.
api POST /v1/campaigns/winback/pause >/dev/null
echo "trunk: $(api POST /v1/sip-trunks "{\"id\":\"main\",\"name\":\"Local sipp\",\"host\":\"127.0.0.1\",\"port\":$SIPP_PORT,\"keepAliveSec\":0}" | field 'JSON.stringify(j.body)')"
api POST /v1/agents/agent-15/state '{"action":"login"}' >/dev/null
api POST /v1/agents/agent-15/state '{"action":"available"}' >/dev/null

closed=0
deadline=$((SECONDS + TIME_LIMIT_SEC - 10))
while [ "$closed" -lt "$CALLS" ] && [ "$SECONDS" -lt "$deadline" ]; do
  state="$(api GET /v1/agents/agent-15/state | field 'j.state + (j.detail.connected ? "+connected" : "")')"
  case "$state" in
    Reserved) api POST /v1/agents/agent-15/state '{"action":"answerReservation"}' >/dev/null || true ;;
    WrapUp) api POST /v1/agents/agent-15/state '{"action":"endWrapUp","code":"NOT_INTERESTED"}' >/dev/null || true ;;
  esac
  closed="$(api GET '/v1/attempts?campaignId=renewals&limit=100' | field 'j.items.filter(a=>a.closedAt).length')"
  sleep 0.3
done

echo "closed attempts of renewals: $closed"
api GET '/v1/attempts?campaignId=renewals&limit=100' |
  field 'j.items.filter(a=>a.closedAt).map(a=>`${a.openedAt} ${a.number} ${a.outcome} agent ${a.agentId} talk ${a.talkSec}s ended by ${a.details.hangupParty}`).join("\n")'
echo "SIP datagrams: $(api GET /v1/status | field 'JSON.stringify(j.sip.datagrams)')"
[ "$closed" -ge "$CALLS" ]
