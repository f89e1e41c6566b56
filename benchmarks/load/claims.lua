-- wrk script of the load benchmark's seat claims (benchmarks/load/run.sh): POST /v1/auth/verify
-- once for each token of a file, from its own machine, so that every request is a first use that
-- assigns the seat (NEW), a durable write. Each wrk thread takes its own share of the tokens and
-- stops once every one of them has been answered.
--
-- Usage: wrk -t T -c C -d LONGER_THAN_NEEDED --latency -s claims.lua URL -- TOKENS_FILE T
-- (T, wrk's thread count, again: a thread's Lua state cannot learn it otherwise).
-- TOKENS_FILE holds one "secret machine-id" pair a line (run.sh writes it in its temporary folder,
-- mode 700, and deletes it at the end). This script never prints a secret.
--
-- wrk's own "Requests/sec" divides by the whole -d duration, not by the time the claims took, so
-- this script measures that time itself (CLOCK_MONOTONIC through LuaJIT's ffi): from the first
-- request to the last claim's answer, over all threads. It prints, after wrk's report:
--   claims N          answers with the assignment NEW
--   other N           any other answer (a refusal, another status): the run is not valid
--   seconds S         from the first request to the last answer
--   claims_per_s R    N / S
--   claim_p50_ms, claim_p99_ms   wrk's latency percentiles (every request is a claim)
-- A connection whose thread has sent all its tokens gets GET /health/live from request() while
-- the others finish (wrk asks every connection for one), but delay() holds it back for a second,
-- and the thread stops first. (wrk asks delay() when an answer arrives and request() when the
-- connection writes, so a connection told "no wait" just before the last token went can still send
-- one: at most a few of the run's requests, whose answers are not counted as claims.)

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } seatwarden_timespec;
  int clock_gettime(int clock, seatwarden_timespec *spec);
  int getpid(void);
  int tgkill(int tgid, int tid, int sig);
]]
local SIGINT = 2
local CLOCK_MONOTONIC = 1
local spec = ffi.new("seatwarden_timespec")

local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, spec)
  return tonumber(spec.tv_sec) + tonumber(spec.tv_nsec) / 1e9
end

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local requests = {}
local mine = 0
local sent = 0
local answered = 0
local filler = nil

function init(args)
  local path = args[1]
  local count = tonumber(args[2] or "")
  if path == nil or count == nil then
    error("claims.lua: wrk ... -s claims.lua URL -- TOKENS_FILE THREADS")
  end
  if index >= count then
    error("claims.lua: THREADS is smaller than wrk's -t")
  end
  tokens_path = path
  thread_count = count
  local file = io.open(path, "r")
  if file == nil then
    error("claims.lua: cannot read the tokens file")
  end
  local line_number = 0
  for line in file:lines() do
    local secret, machine = line:match("^(%S+)%s+(%S+)$")
    if secret ~= nil then
      -- this thread's share: every count-th token, from its own offset
      if line_number % count == index then
        mine = mine + 1
        requests[mine] = wrk.format("POST", "/v1/auth/verify", {
          ["Authorization"] = "Bearer " .. secret,
          ["X-Machine-Id"] = machine,
          ["Content-Length"] = "0",
        }, nil)
      end
      line_number = line_number + 1
    end
  end
  file:close()
  if mine == 0 then
    error("claims.lua: no token for this thread (fewer tokens than threads?)")
  end
  filler = wrk.format("GET", "/health/live", { ["Content-Length"] = "0" }, nil)
  claims = 0
  other = 0
  first = 0
  last = 0
end

local checked = false

-- This thread has all its answers: it stops, and the last thread to stop ends the run. wrk's main
-- thread sleeps for the whole -d duration otherwise; SIGINT, sent to it (its thread id is the
-- process id), ends that sleep, and wrk then reports as at the end of the duration. Each thread
-- leaves a marker file beside the tokens file; whichever finds them all sends the signal.
function finish()
  local marker = io.open(tokens_path .. ".done-" .. index, "w")
  marker:close()
  local all = true
  for other_index = 0, thread_count - 1 do
    local other_marker = io.open(tokens_path .. ".done-" .. other_index, "r")
    if other_marker == nil then
      all = false
    else
      other_marker:close()
    end
  end
  wrk.thread:stop()
  if all then
    local pid = ffi.C.getpid()
    ffi.C.tgkill(pid, pid, SIGINT)
  end
end

function request()
  -- wrk calls the first thread's request() once before the run, to check the script (how many
  -- requests it returns), and never sends that one: give it the filler, not a token
  if index == 0 and not checked then
    checked = true
    return filler
  end
  if sent < mine then
    if sent == 0 then
      first = now()
    end
    sent = sent + 1
    return requests[sent]
  end
  return filler
end

-- wrk asks before each request how long to wait first: not at all for a claim; a second for the
-- filler, which the thread's stop then cancels.
function delay()
  if sent < mine then
    return 0
  end
  return 1000
end

function response(status, headers, body)
  if answered >= mine then
    return
  end
  -- the filler's answer, {"status":"UP"}, is not a claim's answer, nor counted
  if status == 200 and body ~= nil and body:find('"status":"UP"', 1, true) then
    return
  end
  answered = answered + 1
  if status == 200 and body ~= nil and body:find('"NEW"', 1, true) then
    claims = claims + 1
  else
    other = other + 1
  end
  if answered == mine then
    last = now()
    finish()
  end
end

function done(summary, latency, requests)
  local total_claims, total_other, first_all, last_all = 0, 0, nil, 0
  for _, thread in ipairs(threads) do
    os.remove(thread:get("tokens_path") .. ".done-" .. thread:get("index"))
    total_claims = total_claims + thread:get("claims")
    total_other = total_other + thread:get("other")
    local f, l = thread:get("first"), thread:get("last")
    if f > 0 and (first_all == nil or f < first_all) then
      first_all = f
    end
    if l > last_all then
      last_all = l
    end
  end
  io.write(string.format("claims %d\n", total_claims))
  io.write(string.format("other %d\n", total_other))
  if first_all == nil or last_all == 0 then
    io.write("unfinished: a thread did not get all its answers within wrk's -d duration\n")
    return
  end
  local seconds = last_all - first_all
  io.write(string.format("seconds %.3f\n", seconds))
  io.write(string.format("claims_per_s %.0f\n", total_claims / seconds))
  io.write(string.format("claim_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("claim_p99_ms %.2f\n", latency:percentile(99) / 1000))
end
