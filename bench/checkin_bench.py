#!/usr/bin/env python3
"""Check-in throughput and latency, as a ratio to PostgreSQL's own single-row insert rate.

Runs on this machine only (loopback): starts the service jar on a fresh database of the local
PostgreSQL, prepares a course running today with sessions and enrolled people with QR cards, then
  1. pgbench: a one-row INSERT script, 32 clients, for the baseline insert rate;
  2. wrk: POST /api/v1/sessions/{id}/check-ins with 32 connections, each request a real scan
     (a signed card, a fresh clientScanId), so the measured path is the real one: signature
     verification, enrolment and window checks, a durable commit;
  3. one POST /api/v1/check-ins/batch of 10,000 scans.
For scale it also prints what wrk gets from GET /health, a route that does nothing: the ceiling of
the HTTP stack itself on this machine, with wrk on the same cores.
Prints the figures; bench/README.md records what it printed. Needs: java, psql, pgbench, wrk.
"""
import os
import random
import re
import subprocess
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone

from benchlib import PG, Service, cpu_seconds, machine_busy_seconds, postgres_pids, sh

DURATION = os.environ.get("BENCH_SECONDS", "20")
WARM_UP = os.environ.get("BENCH_WARM_UP_SECONDS", "30")
CLIENTS = 32
PEOPLE = 400
SESSIONS = 40
VN = timezone(timedelta(hours=7))


def prepare(svc):
    """Demo province 06 plus a course running today in it, its sessions, people and cards."""
    today = datetime.now(VN).date()
    course = svc.psql(f"""insert into course (province_code, code, title, kind, level, unit_code, start_date, end_date, status)
        values ('06', 'BENCH-1', 'Tập huấn đo hiệu năng', 'training', 'province', '06',
                '{today - timedelta(days=1)}', '{today + timedelta(days=1)}', 'running') returning id""").split()[0]
    svc.psql(f"""insert into course_session (province_code, course_id, session_date, start_time, end_time)
        select '06', '{course}', '{today}', '00:00', '23:59' from generate_series(1, {SESSIONS})""")
    svc.psql(f"""insert into participant (province_code, full_name, sex, unit_code)
        select '06', 'Học viên ' || i, case when i % 3 = 0 then 'male' else 'female' end, '01834'
        from generate_series(1, {PEOPLE}) i""")
    svc.psql(f"""insert into enrollment (province_code, course_id, participant_id)
        select '06', '{course}', id from participant where full_name like 'Học viên %'""")
    svc.psql(f"""insert into course_trainer (course_id, user_id, province_code)
        select '{course}', id, '06' from app_user where username = 'demo-trainer'""")
    sessions = svc.psql(f"select id from course_session where course_id = '{course}'").split()
    people = svc.psql("select id from participant where full_name like 'Học viên %'").split()
    organizer = svc.login("demo-organizer")
    cards = [svc.call("GET", f"/api/v1/participants/{p}/card", token=organizer)["token"] for p in people]
    trainer = svc.login("demo-trainer")
    return sessions, cards, trainer


def pgbench_inserts(svc):
    svc.psql("create table bench_insert (id bigserial primary key, client_scan_id uuid not null unique, "
         "payload text not null, created_at timestamptz not null default now())")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write("insert into bench_insert (client_scan_id, payload) values (gen_random_uuid(), 'scan');\n")
        script = f.name
    busy = machine_busy_seconds()
    out = sh("pgbench", *PG, "-n", "-c", str(CLIENTS), "-j", "2", "-T", DURATION, "-f", script, svc.db)
    busy = machine_busy_seconds() - busy
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    return tps, busy / (tps * int(DURATION))


LUA = r"""
local sessions = {%s}
local cards = {%s}
local token = "%s"
-- each wrk thread its own random sequence: seeded alike, two threads would send the same scans
-- (same clientScanId), and half the requests would be resends answered from the stored row
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + thread_number)
end
local function uuid()
  return string.format("%%08x-%%04x-4%%03x-%%04x-%%012x", math.random(0, 0xffffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0x8000, 0xbfff), math.random(0, 0xffffffffffff))
end
request = function()
  local s = sessions[math.random(#sessions)]
  local c = cards[math.random(#cards)]
  local body = '{"clientScanId":"' .. uuid() .. '","qr":"' .. c .. '","method":"qr","scannedAt":"' ..
    os.date("!%%Y-%%m-%%dT%%H:%%M:%%SZ") .. '","deviceId":"bench"}'
  return wrk.format("POST", "/api/v1/sessions/" .. s .. "/check-ins",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
local outcomes = {}
response = function(status, headers, body)
  if status ~= 200 and status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
"""


def wrk_checkins(svc, sessions, cards, trainer, seconds=None):
    lua = LUA % (",".join(f'"{s}"' for s in sessions), ",".join(f'"{c}"' for c in cards), trainer)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
        script = f.name
    pg = postgres_pids()
    before = machine_busy_seconds(), cpu_seconds([svc.pid]), cpu_seconds(pg)
    out = sh("wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds or DURATION}s", "--latency", "-s", script, svc.base)
    after = machine_busy_seconds(), cpu_seconds([svc.pid]), cpu_seconds(pg)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    scans = rps * int(seconds or DURATION)
    cpu = tuple((a - b) / scans for a, b in zip(after, before))  # machine, service, PostgreSQL, a scan
    p50 = re.search(r"\s50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0, cpu


def wrk_health(svc):
    """The HTTP stack's own ceiling on this machine: a route that does no work and no query."""
    out = sh("wrk", "-t2", f"-c{CLIENTS}", f"-d{DURATION}s", svc.base + "/health")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def batch_of_10000(svc, sessions, cards, trainer):
    now = datetime.now(VN)
    items = [{"sessionId": random.choice(sessions), "clientScanId": str(uuid.uuid4()),
              "qr": random.choice(cards), "method": "qr",
              "scannedAt": (now - timedelta(seconds=random.randint(0, 600))).isoformat(), "deviceId": "bench-batch"}
             for _ in range(10_000)]
    start = time.perf_counter()
    answer = svc.call("POST", "/api/v1/check-ins/batch", {"items": items}, token=trainer)
    elapsed = time.perf_counter() - start
    outcomes = {}
    for item in answer["items"]:
        outcomes[item["outcome"]] = outcomes.get(item["outcome"], 0) + 1
    return elapsed, outcomes


def main():
    with Service(int(os.environ.get("BENCH_PORT", "7171"))).running() as svc:
        sessions, cards, trainer = prepare(svc)
        print(f"machine: {os.cpu_count()} cores; {PEOPLE} people with cards, {SESSIONS} sessions today, "
              f"{CLIENTS} concurrent clients, {DURATION} s per run")
        # warm-up, not measured: the JIT compiles the hot paths (Ed25519 verification above all)
        wrk_checkins(svc, sessions, cards, trainer, seconds=WARM_UP)
        inserts, insert_cpu = pgbench_inserts(svc)
        print(f"pgbench one-row INSERT, {CLIENTS} clients: {inserts:.0f} inserts/s; "
              f"CPU of the whole machine per insert {insert_cpu * 1000:.2f} ms")
        print(f"GET /health (no work, no query), {CLIENTS} connections: {wrk_health(svc):.0f} requests/s")
        rps, p50, p99, errors, cpu = wrk_checkins(svc, sessions, cards, trainer)
        print(f"POST /sessions/{{id}}/check-ins, {CLIENTS} connections: {rps:.0f} scans/s, p50 {p50}, p99 {p99}, "
              f"non-2xx {errors}")
        print(f"CPU per scan: whole machine {cpu[0] * 1000:.2f} ms, of which the service {cpu[1] * 1000:.2f} ms "
              f"and PostgreSQL {cpu[2] * 1000:.2f} ms (the rest: wrk, the OS)")
        print(f"ratio to PostgreSQL's insert rate: {rps / inserts:.2f}")
        batch_of_10000(svc, sessions, cards, trainer)  # warm-up of the batch path
        elapsed, outcomes = batch_of_10000(svc, sessions, cards, trainer)
        print(f"POST /check-ins/batch with 10,000 scans: {elapsed:.2f} s; outcomes {outcomes}")


if __name__ == "__main__":
    main()
