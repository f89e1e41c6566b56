-- wrk script of the load benchmark (benchmarks/load/run.sh): POST /v1/auth/verify, round-robin
-- over the benchmark's API tokens, each from the one machine that holds its seat, so every
-- request is a steady-state verification (same machine, seat CONTINUING).
--
-- Usage: wrk ... -s verify.lua URL -- TOKENS_FILE [METHOD PATH]
-- TOKENS_FILE holds one "secret machine-id" pair a line. run.sh writes it in its temporary
-- folder and deletes it at the end. This script never prints a secret.
-- METHOD PATH (default POST /v1/auth/verify): run.sh drives the no-op route with
-- "GET /health/live" through this same script, the same headers and the same per-request Lua
-- call, so that wrk (on the same cores as the server) spends the same on both routes and the
-- ratio compares the server's work alone.

local threads = 0

-- Runs once per wrk thread, in the main Lua state: give each thread its own starting offset.
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

local requests = {}
local count = 0
local next_index = 0

function init(args)
  local path = args[1]
  local method = args[2] or "POST"
  local target = args[3] or "/v1/auth/verify"
  if path == nil then
    error("verify.lua: the tokens file is missing (wrk ... -s verify.lua URL -- TOKENS_FILE)")
  end
  local file = io.open(path, "r")
  if file == nil then
    error("verify.lua: cannot read the tokens file")
  end
  for line in file:lines() do
    local secret, machine = line:match("^(%S+)%s+(%S+)$")
    if secret ~= nil then
      count = count + 1
      requests[count] = wrk.format(method, target, {
        ["Authorization"] = "Bearer " .. secret,
        ["X-Machine-Id"] = machine,
        ["Content-Length"] = "0",
      }, nil)
    end
  end
  file:close()
  if count == 0 then
    error("verify.lua: the tokens file holds no token")
  end
  -- Each wrk thread has its own Lua state: start the threads at different tokens.
  next_index = ((offset or 0) * math.floor(count / 2)) % count
end

function request()
  next_index = (next_index % count) + 1
  return requests[next_index]
end
