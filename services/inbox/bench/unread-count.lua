-- wrk script: GET the unread count with a bearer token, paced per connection.
-- Environment: TOKENS (space-separated access tokens, rotated per request),
-- DELAY_MS (pause before each request on a connection; sets the request rate).
local tokens = {}
for t in string.gmatch(os.getenv("TOKENS") or "", "%S+") do table.insert(tokens, t) end
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local path = os.getenv("REQUEST_PATH") or "/api/inbox/unread-count"
local n = 0

function delay()
  return delay_ms
end

function request()
  n = n + 1
  local headers = {}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] end
  return wrk.format("GET", path, headers)
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, rate %.0f req/s\n", summary.requests,
    summary.errors.status, summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max %.2f ms\n", latency.max / 1000))
end
