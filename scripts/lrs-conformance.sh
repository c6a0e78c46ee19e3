#!/usr/bin/env bash
# ADL's xAPI LRS conformance suite (../shared/tools/lrs-conformance) against a freshly started Concord:
# an empty embedded database, one LRS client made with the CLI, the server on its own port. Prints the
# suite's summary and fails on any failed test. `npm run test:lrs`; CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=../shared/tools/lrs-conformance/run.sh
[[ -x $suite || -f $suite ]] || { echo "The conformance suite is not at $suite"; exit 2; }
port=${LRS_PORT:-3277}
data=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill -- "-$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
export CONCORD_DATA_DIR=$data CONCORD_DEMO_CASES=0 CONCORD_LOG_LEVEL=warn CONCORD_AUDIT_CHECKPOINT_MINUTES=0
client=$(npx tsx src/cli.ts training lrs-client add "ADL conformance suite" --json | tail -n 1)
key=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).key)' "$client")
secret=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).secret)' "$client")
PORT=$port setsid npx tsx src/main.ts >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { tail -20 "$data/server.log"; echo "Concord did not start"; exit 2; }
bash "$suite" "http://127.0.0.1:$port/xapi" "$key" "$secret"
