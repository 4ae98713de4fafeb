-- One wrk script for every workload of bench/load.py.
--
-- Environment (set by bench/load.py):
--   ZGW_WRK_INPUT   a file of requests, one a line: METHOD<TAB>PATH[<TAB>BODY]; every request picks
--                   a line at random (a file of one line repeats it)
--   ZGW_WRK_NOW_US  microseconds since the epoch at the start of the run; `{moment}` in a body
--                   becomes a moment a minute before it that no other request of the run gets (a
--                   status needs a datumStatusGezet of its own per zaak, and not in the future),
--                   later with every request: each new status is its zaak's current one, as when
--                   statussen are set as they happen
-- Headers (Authorization, Accept-Crs, ...) come from wrk's -H options.
--
-- done() prints one line `ZGW_RESULT {json}`: requests, duration, latency percentiles (µs),
-- the count per HTTP status (from response()) and wrk's socket errors.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

local lines = {}
local counter = 0
local stride = 1
local now_us = 0

local function split_tab(line)
  local parts = {}
  for part in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(parts, part)
  end
  return parts
end

function init(args)
  statuses = {}
  local path = os.getenv("ZGW_WRK_INPUT")
  local file = assert(io.open(path, "r"), "ZGW_WRK_INPUT: cannot open " .. tostring(path))
  for line in file:lines() do
    if #line > 0 then
      local parts = split_tab(line)
      table.insert(lines, { method = parts[1], path = parts[2], body = parts[3] })
    end
  end
  file:close()
  assert(#lines > 0, "ZGW_WRK_INPUT holds no requests")
  now_us = tonumber(os.getenv("ZGW_WRK_NOW_US") or "0")
  -- wrk starts its threads with ids 1..N; moments are unique when every thread steps by N
  stride = tonumber(os.getenv("ZGW_WRK_THREADS") or "1")
  counter = thread_id
  math.randomseed(now_us % 2147483647 + thread_id * 7919)
end

local function moment()
  -- strictly increasing per thread, disjoint between threads: a minute before the start + counter µs
  -- (a run of n requests spans n µs)
  local at = now_us - 60000000 + counter
  counter = counter + stride
  local seconds = math.floor(at / 1000000)
  local micros = at - seconds * 1000000
  return os.date("!%Y-%m-%dT%H:%M:%S", seconds) .. string.format(".%06dZ", micros)
end

function request()
  local entry = lines[math.random(#lines)]
  local body = entry.body
  if body ~= nil and body ~= "" then
    if body:find("{moment}", 1, true) then
      body = body:gsub("{moment}", moment())
    end
    return wrk.format(entry.method, entry.path, nil, body)
  end
  return wrk.format(entry.method, entry.path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    if s ~= nil then
      for code, n in pairs(s) do
        counts[code] = (counts[code] or 0) + n
      end
    end
  end
  local parts = {}
  for code, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', code, n))
  end
  local e = summary.errors
  io.write(string.format(
    'ZGW_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"statuses": {%s}, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    table.concat(parts, ", "), e.connect, e.read, e.write, e.status, e.timeout))
end
