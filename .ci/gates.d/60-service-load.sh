#!/usr/bin/env bash
# Gate: the HTTP service under a real load generator on the loopback interface (tools/service-load/run.sh --gate, about
# a minute plus wrk's install): curl and render round trips, a batch whose every line must come back in order, a short
# load, an overload burst at 4x the server's capacity (only 200 and 503), hostile inputs beside ordinary articles, the
# server healthy afterwards, and SIGTERM with a request in flight (answered 200, exit 0).
set -euo pipefail
bash tools/service-load/run.sh --gate
