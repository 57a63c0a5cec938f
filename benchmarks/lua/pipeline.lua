-- wrk script for the touche benchmarks, N requests per write (pipelining):
--   wrk -t1 -c50 -d10s -s pipeline.lua http://127.0.0.1:PORT/ -- <depth> <body bytes>
-- Same requests and summary as static.lua; defining request() is what lets one write carry
-- several requests.

local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "static.lua")

local setup = init
init = function(args)
  setup(args)
  req = string.rep(wrk.format(), tonumber(args[1]) or 1)
end

request = function()
  return req
end
