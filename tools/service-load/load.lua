-- wrk script for the NewsNer service: POSTs the given article files in turn (text/plain) and counts the answers by
-- status. Prints one JSON line at the end (latency percentiles, statuses, socket errors).
--   wrk -t2 -c8 -d5s --timeout 30s -s load.lua http://127.0.0.1:PORT -- /v1/extract?tokens=false FILE...
local bodies = {}
local index = 0
local threads = {}
statuses = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  for i = 2, #args do
    local file = assert(io.open(args[i], "rb"))
    bodies[#bodies + 1] = file:read("*a")
    file:close()
  end
  -- Threads start at different articles, then take them in turn.
  index = (id or 0) * 37 % #bodies
  wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", path, nil, bodies[index])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    parts[#parts + 1] = string.format('"%d":%d', status, count)
  end
  io.write(string.format(
    'WRK_RESULT {"duration_s":%.3f,"requests":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"statuses":{%s}}\n',
    summary.duration / 1e6, summary.requests,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, table.concat(parts, ",")))
end
