# Shared by the suite scripts (source it): counting cargo's results, and a mock that lives as
# long as the sourcing script.

# "P F": passed and failed tests summed over the "test result:" lines of a cargo test log.
cargo_totals() { # $1 = log
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$1" | awk '{s+=$1} END {print s+0}')
  echo "$p $f"
}

# Starts the mock (--port 0, --rate 0, --quiet) with key $1 and any further flags; sets MOCK_URL,
# or returns 1. --exit-with-stdin ends it when this script's pipe to it closes.
start_mock() { # $1 = key, then extra flags
  local key="$1"; shift
  coproc MOCK { exec "${MOCK_BIN:-target/debug/zilliz-mock}" --port 0 --api-key "$key" --rate 0 --quiet --exit-with-stdin "$@"; }
  read -r -t 20 MOCK_URL <&"${MOCK[0]}"
}
