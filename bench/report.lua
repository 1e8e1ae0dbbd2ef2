-- wrk script: cycle through the paths in WRK_PATHS (one per line), optionally
-- with a Cookie header, and print one JSON line with the figures bench/run.py reads.
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "/", "[^\n]+") do
    table.insert(paths, path)
end
local cookie = os.getenv("WRK_COOKIE") or ""
local counter = 0

request = function()
    counter = counter + 1
    local path = paths[(counter % #paths) + 1]
    if cookie ~= "" then
        return wrk.format("GET", path, { ["Cookie"] = cookie })
    end
    return wrk.format("GET", path)
end

done = function(summary, latency, requests)
    local errors = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
        '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.1f, ' ..
        '"p95_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, "socket_errors": %d, ' ..
        '"http_errors": %d, "timeouts": %d}\n',
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000,
        errors.connect + errors.read + errors.write + errors.timeout,
        errors.status, errors.timeout))
end
