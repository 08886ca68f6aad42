-- wrk script for bench/load.py: round-robin over the targets given after `--`, each
-- "path|cookie" (the cookie of the user who may see that page), counting every response
-- that is not 2xx. done() writes a JSON summary to the file named by $WRK_OUT.
--
--   WRK_OUT=out.json wrk -t2 -c8 -d60s -s bench/load.lua http://127.0.0.1:8000 -- \
--       "/|sessionid=…" "/supervision/|sessionid=…"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- per thread (globals, so done() can read them with thread:get)
targets = {}
next_target = 0
non2xx = 0
statuses = {}

function init(args)
  for _, arg in ipairs(args) do
    local path, cookie = arg:match("^([^|]+)|(.*)$")
    targets[#targets + 1] = wrk.format("GET", path, { ["Cookie"] = cookie })
  end
  if #targets == 0 then
    error("bench/load.lua: no targets given after --")
  end
end

function request()
  next_target = next_target % #targets + 1
  return targets[next_target]
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total_non2xx = 0
  local merged = {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + thread:get("non2xx")
    for status, n in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(merged) do
    parts[#parts + 1] = string.format('"%s": %d', status, n)
  end
  local e = summary.errors
  local out = assert(io.open(os.getenv("WRK_OUT"), "w"))
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, "statuses": {%s}, '
      .. '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, '
      .. '"latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, '
      .. '"p50": %d, "p90": %d, "p95": %d, "p99": %d}}\n',
    summary.requests, summary.duration, summary.bytes, total_non2xx, table.concat(parts, ", "),
    e.connect, e.read, e.write, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99)
  ))
  out:close()
end
