-- wrk script for the touche benchmarks:
--   wrk -t1 -c50 -d10s -s touche.lua http://127.0.0.1:PORT/ -- <pipeline depth> <body bytes>
-- Depth N sends N requests per write (pipelining); a body turns the requests into POSTs.
-- done() prints one JSON line that the runner parses.

init = function(args)
  local depth = tonumber(args[1]) or 1
  local bodyBytes = tonumber(args[2]) or 0
  local method, body = "GET", nil
  local headers = {}
  if bodyBytes > 0 then
    method = "POST"
    body = string.rep("x", bodyBytes)
    headers["Content-Type"] = "application/octet-stream"
  end
  req = string.rep(wrk.format(method, nil, headers, body), depth)
end

request = function()
  return req
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"errors":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(99)))
end
