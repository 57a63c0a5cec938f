-- wrk script for the touche benchmarks, one request per write:
--   wrk -t1 -c50 -d10s -s static.lua http://127.0.0.1:PORT/ -- 1 <body bytes>
-- It defines no request() function, so wrk sends a request built once (no Lua call per
-- request) and the generator stays well below its own limit. A body turns the requests into
-- POSTs. done() prints one JSON line that the runner parses.

init = function(args)
  local bodyBytes = tonumber(args[2]) or 0
  if bodyBytes > 0 then
    wrk.method = "POST"
    wrk.body = string.rep("x", bodyBytes)
    wrk.headers["Content-Type"] = "application/octet-stream"
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"errors":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(99)))
end
