#!/usr/bin/env python3
"""Indicator reports at national scale: generation, then report latency against hand-written SQL.

Runs on this machine only (loopback PostgreSQL on 127.0.0.1:5432, user postgres, trust auth).
  generate  creates a separate database registry_report_bench and fills it with SQL generate_series:
            34 provinces of 98 communes, 2,000,000 participants, 200,000 courses (2021-2026) with
            3 sessions each, ~6.8 million enrollments and ~20 million check-in rows (accepted and
            refused scans), excused absences, annual plans; timed step by step.
  run       starts the service jar on that database and measures, N times each, interleaved:
              - a province-year report (GET /api/v1/reports/indicators?period=2025&by=sex,targetGroup,level)
                against a hand-written SQL computing the same numbers;
              - a national year report: the 34 province-year reports (no breakdown), two requests at a
                time, against one hand-written SQL computing them for every province;
            then checks that the hand-written numbers equal the service's, and that a check-in recorded
            now (a new trainee's) shows in the next report.
  drop      drops the database.
  all       generate, run, drop (the default).
BENCH_SCALE (default 1.0) scales participants, courses and therefore check-ins; BENCH_RUNS (default
30) the repetitions; BENCH_JAR another jar than target/training-registry.jar. Needs: java, psql, the jar
(mvn -q package -DskipTests).
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.environ.get("BENCH_JAR", os.path.join(ROOT, "target", "training-registry.jar"))
PORT = int(os.environ.get("BENCH_PORT", "7172"))
BASE = f"http://127.0.0.1:{PORT}"
PG = ["-h", "127.0.0.1", "-U", "postgres"]
DB = os.environ.get("BENCH_DB", "registry_report_bench")
SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PROVINCES = 34
COMMUNES = 98
PARTICIPANTS = int(2_000_000 * SCALE) // PROVINCES * PROVINCES
COURSES = int(200_000 * SCALE) // PROVINCES * PROVINCES
PASSWORD = "bench-password-2025"
YEAR = 2025
BREAKDOWN = "sex,targetGroup,level"


def sh(*args, **kw):
    done = subprocess.run(args, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(f"{args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def psql(sql, db=DB):
    return sh("psql", *PG, "-d", db, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql)


def step(name, sql):
    t = time.time()
    psql(sql)
    took = time.time() - t
    print(f"  {name:<58} {took:7.1f} s", flush=True)
    return took


# ------------------------------------------------------------------------------------ generation

def generate():
    psql(f"drop database if exists {DB} with (force)", db="postgres")
    psql(f"create database {DB} encoding 'UTF8' template template0", db="postgres")
    env = dict(os.environ, DATABASE_URL=f"jdbc:postgresql://127.0.0.1:5432/{DB}", DATABASE_USER="postgres")
    sh("java", "-jar", JAR, "migrate", env=env)
    # one user through the command line (Argon2id hash), copied to a reporter per province below
    subprocess.run(["java", "-jar", JAR, "create-user", "--username", "bench-template", "--password-stdin",
                    "--role", "reporter", "--province", "01"], input=PASSWORD + "\n", text=True, env=env,
                   check=True, capture_output=True)
    print(f"Generating {PARTICIPANTS:,} participants, {COURSES:,} courses in {PROVINCES} provinces "
          f"(scale {SCALE})", flush=True)
    start = time.time()
    pp = PARTICIPANTS // PROVINCES
    total = 0.0
    # Bulk load: FK triggers off (rows are consistent by construction), the big tables' indexes and
    # keys dropped and rebuilt after the load, as a restore does.
    total += step("units, organisations, users, plans", f"""
        create table bench_province as
            select (row_number() over (order by code))::int - 1 as p, code from admin_unit
            where level = 'province' order by code limit {PROVINCES};
        create function bench_h(bigint) returns bigint immutable parallel safe language sql
            as 'select abs(hashint8($1)::bigint)';
        create table bench_tg as select (row_number() over (order by sort_order))::int - 1 as i, code
            from target_group;
        insert into admin_unit (code, name, level, parent_code)
            select code || lpad(c::text, 3, '0'), 'Xã ' || c || ' tỉnh ' || code, 'commune', code
            from bench_province, generate_series(1, {COMMUNES}) c;
        insert into organization (id, province_code, name, short_name)
            select md5('o' || p || '-' || o)::uuid, code, 'Tổ chức ' || o, 'TC' || o
            from bench_province, generate_series(0, 7) o;
        insert into app_user (province_code, username, password_hash, role, full_name)
            select code, 'bench-' || code, (select password_hash from app_user where username = 'bench-template'),
                   'reporter', 'Báo cáo viên ' || code
            from bench_province;
        insert into annual_plan (id, province_code, number, issued_on, year, title)
            select md5('plan' || p || '-' || y)::uuid, code, p || '/KH-UBND-' || y, make_date(y, 1, 15), y,
                   'Kế hoạch công tác bình đẳng giới năm ' || y
            from bench_province, generate_series(2021, 2026) y;
        insert into plan_activity (id, plan_id, province_code, position, topic, target_group, level,
                                   planned_courses, planned_participants, budget)
            select md5('act' || p || '-' || y || '-' || a)::uuid, md5('plan' || p || '-' || y)::uuid, code, a,
                   (select code from topic order by sort_order offset a % 9 limit 1),
                   (select code from target_group order by sort_order offset a % 14 limit 1),
                   (array['province', 'district', 'commune'])[1 + a % 3],
                   10 + a * 2, 300 + a * 60, 50000000 + a * 10000000
            from bench_province, generate_series(2021, 2026) y, generate_series(0, 9) a;
    """)
    total += step(f"participants ({PARTICIPANTS:,})", f"""
        set session_replication_role = replica;
        drop index participant_name_trgm, participant_province_name, participant_given_name_order, participant_phone,
                   participant_national_id, participant_duplicate_of, participant_merged;
        insert into participant (id, province_code, full_name, sex, birth_year, ethnicity_code, unit_code,
                                 target_groups, merged_into)
            select md5('p' || n)::uuid, b.code, 'Học viên ' || n,
                   case when bench_h(n) % 10 < 6 then 'female' else 'male' end,
                   case when m % 33 = 0 then null else 1960 + m % 41 end,
                   case when m % 29 = 0 then null when bench_h(n + 7) % 10 < 8 then '01'
                        else lpad((2 + m % 53)::text, 2, '0') end,
                   case when m % 20 = 0 then b.code else b.code || lpad((1 + m % {COMMUNES})::text, 3, '0') end,
                   case when m % 10 < 3 then array[(select code from bench_tg where i = m % 14),
                                                   (select code from bench_tg where i = (m / 14 + 1 + m) % 14)]
                        when m % 10 < 9 then array[(select code from bench_tg where i = m % 14)]
                        else '{{}}'::text[] end,
                   case when m % 200 = 7 then md5('p' || (n - {PROVINCES}))::uuid end
            from generate_series(0, {PARTICIPANTS - 1}) n
            cross join lateral (select n / {PROVINCES} as m) mm
            join bench_province b on b.p = n % {PROVINCES};
    """)
    total += step(f"courses ({COURSES:,}) and sessions ({COURSES * 3:,})", f"""
        set session_replication_role = replica;
        create table bench_course as
            select k, md5('c' || k)::uuid as id, b.p, b.code as province,
                   date '2021-01-01' + (bench_h(k) % 2191)::int as start_date, k % 3 as days
            from generate_series(0, {COURSES - 1}) k join bench_province b on b.p = k % {PROVINCES};
        insert into course (id, province_code, code, title, kind, topics, target_groups, level, organizer_id,
                            unit_code, start_date, end_date, status, min_attendance_share, plan_activity_id)
            select c.id, c.province, 'B' || c.k, 'Lớp tập huấn ' || c.k,
                   (select code from course_kind order by sort_order offset c.k % 8 limit 1),
                   case when c.k % 4 = 0
                        then array[(select code from topic order by sort_order offset c.k % 9 limit 1),
                                   (select code from topic order by sort_order offset (c.k / 9 + 1 + c.k) % 9 limit 1)]
                        else array[(select code from topic order by sort_order offset c.k % 9 limit 1)] end,
                   array[(select code from bench_tg where i = (c.k / 3) % 14)],
                   (array['province', 'district', 'commune'])[1 + c.k % 3],
                   case when c.k % 11 = 0 then null else md5('o' || c.p || '-' || (c.k / {PROVINCES}) % 8)::uuid end,
                   case when c.k % 3 = 0 then c.province
                        else c.province || lpad((1 + (c.k / {PROVINCES}) % {COMMUNES})::text, 3, '0') end,
                   c.start_date, c.start_date + c.days,
                   case when c.k % 50 = 0 then 'cancelled' else 'completed' end, 0.8,
                   case when c.k % 2 = 0 and c.start_date < date '2027-01-01'
                        then md5('act' || c.p || '-' || extract(year from c.start_date)::int || '-'
                                 || (c.k / {PROVINCES}) % 10)::uuid end
            from bench_course c;
        insert into course_session (id, province_code, course_id, session_date, start_time, end_time, venue)
            select md5('s' || c.k || '-' || j)::uuid, c.province, c.id, c.start_date + least(j, c.days),
                   time '08:00' + j * interval '1 minute', time '11:30' + j * interval '1 minute', 'Hội trường'
            from bench_course c, generate_series(0, 2) j;
    """)
    total += step("enrollments (32-36 trainees a course)", f"""
        set session_replication_role = replica;
        alter table enrollment drop constraint enrollment_pkey,
                               drop constraint enrollment_course_id_participant_id_key;
        drop index enrollment_participant, enrollment_trainees;
        create table bench_enrollment as
            select c.k, c.id as course_id, c.province, c.start_date,
                   md5('p' || (c.p + {PROVINCES} * ((bench_h(c.k) + i * 104729) % {pp})))::uuid as participant_id,
                   i
            from bench_course c, generate_series(0, 31 + c.k % 5) i;
        insert into enrollment (province_code, course_id, participant_id, role, target_group, status, unit_code)
            select e.province, e.course_id, e.participant_id, 'trainee',
                   case when e.i % 5 < 2 then (select code from bench_tg where i = (e.k / 3) % 14) end,
                   case when (e.k + e.i) % 97 = 0 then 'withdrawn' else 'enrolled' end, p.unit_code
            from bench_enrollment e join participant p on p.id = e.participant_id;
    """)
    total += step("check-ins (90% present, 1 in 12 scanned twice) and excuses", f"""
        set session_replication_role = replica;
        alter table check_in drop constraint check_in_first_check_in_id_fkey,
                             drop constraint check_in_pkey,
                             drop constraint check_in_client_scan_id_key;
        drop index check_in_attendance, check_in_participant;
        insert into check_in (province_code, client_scan_id, session_id, participant_id, outcome, method,
                              scanned_at, received_at, scanned_by)
            select e.province, gen_random_uuid(), md5('s' || e.k || '-' || j)::uuid, e.participant_id,
                   case when r.copy = 0 then 'accepted' else 'already_checked_in' end, 'qr',
                   (e.start_date + least(j, e.k % 3)) + time '08:05' - interval '7 hours' + r.copy * interval '1 minute',
                   (e.start_date + least(j, e.k % 3)) + time '08:05' - interval '7 hours' + r.copy * interval '1 minute',
                   u.id
            from bench_enrollment e
            cross join generate_series(0, 2) j
            cross join lateral (select 0 as copy union all select 1 where bench_h(e.k * 7 + e.i * 3 + j) % 12 = 0) r
            join app_user u on u.username = 'bench-' || e.province
            where bench_h(e.k * 131 + e.i * 17 + j) % 10 <> 0;
        insert into excused_absence (session_id, participant_id, province_code, reason, entered_by)
            select md5('s' || e.k || '-' || j)::uuid, e.participant_id, e.province, 'Ốm', u.id
            from bench_enrollment e cross join generate_series(0, 2) j
            join app_user u on u.username = 'bench-' || e.province
            where bench_h(e.k * 131 + e.i * 17 + j) % 10 = 0 and bench_h(e.k + e.i + j) % 5 = 0;
    """)
    total += step("keys and indexes rebuilt", """
        set maintenance_work_mem = '1GB';
        set max_parallel_maintenance_workers = 2;
        alter table check_in add primary key (id), add unique (client_scan_id);
        create unique index check_in_attendance on check_in (session_id, participant_id)
            where outcome = 'accepted' and undone_at is null;
        create index check_in_participant on check_in (participant_id);
        alter table check_in add constraint check_in_first_check_in_id_fkey
            foreign key (first_check_in_id) references check_in (id);
        alter table enrollment add primary key (id), add unique (course_id, participant_id);
        create index enrollment_participant on enrollment (participant_id);
        create index enrollment_trainees on enrollment (course_id) include (participant_id, target_group, unit_code)
            where role = 'trainee' and status = 'enrolled';
        create index participant_name_trgm on participant using gin (name_key gin_trgm_ops);
        create index participant_province_name on participant (province_code, name_key, id);
        create index participant_given_name_order on participant (province_code,
            (split_part(list_name, ' ', 1) collate "vi-x-icu"), (list_name collate "vi-x-icu"), id);
        create index participant_phone on participant (province_code, phone);
        create index participant_national_id on participant (province_code, national_id_hmac);
        create index participant_duplicate_of on participant (duplicate_of) where duplicate_of is not null;
        create index participant_merged on participant (province_code, id) include (merged_into)
            where merged_into is not null;
        drop table bench_enrollment, bench_course, bench_province, bench_tg;
        drop function bench_h;
    """)
    total += step("vacuum analyze", "vacuum analyze")
    counts = psql("""select (select count(*) from participant), (select count(*) from course),
        (select count(*) from course_session), (select count(*) from enrollment), (select count(*) from check_in),
        (select count(*) from check_in where outcome = 'accepted'), (select count(*) from excused_absence),
        pg_size_pretty(pg_database_size(current_database()))""").strip().split("|")
    print(f"Generated in {time.time() - start:.0f} s: {int(counts[0]):,} participants, {int(counts[1]):,} courses, "
          f"{int(counts[2]):,} sessions, {int(counts[3]):,} enrollments, {int(counts[4]):,} check-ins "
          f"({int(counts[5]):,} accepted), {int(counts[6]):,} excused absences; database {counts[7]}", flush=True)


# ------------------------------------------------------------------------------------ measurement

def call(path, token):
    req = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=600) as res:
        return json.loads(res.read())


def login(username):
    req = urllib.request.Request(BASE + "/api/v1/auth/login", method="POST",
                                 data=json.dumps({"username": username, "password": PASSWORD}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as res:
        return json.loads(res.read())["accessToken"]


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t) * 1000, result


def hand_sql(file, runs, **variables):
    """Runs a hand-written SQL file `runs` times in one psql session, with the service's settings;
    answers the times (ms, as psql measures them: server and transfer) and the last result."""
    script = "\\set QUIET on\nset jit = off;\nset work_mem = '64MB';\n\\timing on\n"
    sql = open(os.path.join(ROOT, "bench", file)).read()
    script += sql * runs
    args = ["psql", *PG, "-d", DB, "-v", "ON_ERROR_STOP=1", "-AtF", "|", "-f", "-"]
    for k, v in variables.items():
        args += ["-v", f"{k}={v}"]
    out = subprocess.run(args, input=script, capture_output=True, text=True, check=True).stdout
    times, rows, last = [], [], []
    for line in out.splitlines():
        if line.startswith("Time: "):
            times.append(float(line.split()[1]))
            last, rows = rows, []
        elif line:
            rows.append(line.split("|"))
    return times, last


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def cells_of_report(report, keys):
    """Non-zero cells of a service report: (indicator, *breakdown values) -> (value or numerator, denominator or planned)."""
    cells = {}
    for r in report["rows"]:
        first = r["numerator"] if r["numerator"] is not None else r["value"]
        second = r["denominator"] if r["denominator"] is not None else r["planned"]
        if (first or 0) != 0 or (second or 0) != 0:
            cells[(r["indicator"], *[r.get(k) for k in keys])] = (int(first or 0), None if second is None else int(second))
    return cells


def cells_of_rows(rows, keys):
    cells = {}
    for row in rows:
        values = [v or None for v in row[1:1 + len(keys)]]
        first, second = int(row[-2]), None if row[-1] == "" else int(row[-1])
        if first != 0 or (second or 0) != 0:
            cells[(row[0], *values)] = (first, second)
    return cells


def run():
    env = dict(os.environ, DATABASE_URL=f"jdbc:postgresql://127.0.0.1:5432/{DB}", DATABASE_USER="postgres",
               PORT=str(PORT))
    server = subprocess.Popen(["java", "-jar", JAR, "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(BASE + "/ready", timeout=2)
                break
            except Exception:
                time.sleep(1)
        provinces = psql("select distinct province_code from annual_plan order by 1").split()
        tokens = {p: login("bench-" + p) for p in provinces}
        province = provinces[0]
        variables = {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31", "year": YEAR}
        query = f"/api/v1/reports/indicators?period={YEAR}&by={BREAKDOWN}"
        load = os.getloadavg()[0]
        print(f"Measuring ({RUNS} runs each, load average {load:.1f} on {os.cpu_count()} cores)", flush=True)

        # province-year, three breakdowns: service and hand-written SQL, interleaved in rounds of five
        call(query, tokens[province])
        hand_sql("report_hand_province.sql", 1, prov=province, **variables)
        app, hand, report, rows = [], [], None, None
        for _ in range(RUNS // 5):
            for _ in range(5):
                ms, report = timed(lambda: call(query, tokens[province]))
                app.append(ms)
            times, rows = hand_sql("report_hand_province.sql", 5, prov=province, **variables)
            hand.extend(times)
        keys = ["sex", "targetGroup", "level"]
        same = cells_of_report(report, keys) == cells_of_rows(rows, keys)
        print(f"  province-year ({province}, by={BREAKDOWN}, {len(report['rows'])} rows): "
              f"service p50 {percentile(app, 50):.0f} ms, p99 {percentile(app, 99):.0f} ms; "
              f"hand-written SQL p50 {percentile(hand, 50):.0f} ms, p99 {percentile(hand, 99):.0f} ms; "
              f"ratio p50 {percentile(app, 50) / percentile(hand, 50):.2f}, p99 {percentile(app, 99) / percentile(hand, 99):.2f}; "
              f"same numbers: {same}", flush=True)

        # the flags of the same province-year (what a compiler checks before reporting): time, and what was found
        flags_query = f"/api/v1/reports/flags?period={YEAR}"
        call(flags_query, tokens[province])
        flag_times, flags = [], None
        for _ in range(max(5, RUNS // 3)):
            ms, flags = timed(lambda: call(flags_query, tokens[province]))
            flag_times.append(ms)
        kinds = Counter(f["kind"] for f in flags["items"])
        print(f"  flags of the province-year: p50 {percentile(flag_times, 50):.0f} ms, "
              f"p99 {percentile(flag_times, 99):.0f} ms; {len(flags['items'])} flags"
              f"{' (the first 1,000 of more)' if flags['truncated'] else ''}: {dict(kinds)}", flush=True)

        # national year: every province's report (two requests at a time) against one statement for all
        national_runs = max(3, RUNS // 3)
        app_n, hand_n, reports, rows = [], [], {}, None
        with ThreadPoolExecutor(2) as pool:
            for _ in range(national_runs):
                def all_provinces():
                    futures = {p: pool.submit(call, f"/api/v1/reports/indicators?period={YEAR}", tokens[p])
                               for p in provinces}
                    return {p: f.result() for p, f in futures.items()}
                ms, reports = timed(all_provinces)
                app_n.append(ms)
                times, rows = hand_sql("report_hand_national.sql", 1, **variables)
                hand_n.extend(times)
        service_cells = {}
        for p, r in reports.items():
            for key, value in cells_of_report(r, ["level"]).items():
                service_cells[(key[0], p, key[1])] = value
        same = service_cells == cells_of_rows(rows, ["province", "level"])
        print(f"  national year ({len(provinces)} provinces): service p50 {percentile(app_n, 50):.0f} ms, "
              f"p99 {percentile(app_n, 99):.0f} ms; hand-written SQL p50 {percentile(hand_n, 50):.0f} ms, "
              f"p99 {percentile(hand_n, 99):.0f} ms; ratio p50 {percentile(app_n, 50) / percentile(hand_n, 50):.2f}, "
              f"p99 {percentile(app_n, 99) / percentile(hand_n, 99):.2f}; same numbers: {same}", flush=True)

        # a check-in recorded now counts in the next report: a new trainee scanned at a course of the year
        course, session = psql(f"""select c.id, s.id from course c join course_session s on s.course_id = c.id
            where c.province_code = '{province}' and c.start_date between '{YEAR}-01-01' and '{YEAR}-12-31'
              and c.status = 'completed' limit 1""").strip().split("|")
        person = psql(f"""select p.id from participant p where p.province_code = '{province}' and p.merged_into is null
            and not exists (select 1 from enrollment e where e.course_id = '{course}' and e.participant_id = p.id)
            limit 1""").strip()
        attendances = f"/api/v1/reports/indicators?period={YEAR}&indicators=attendances"
        before = call(attendances, tokens[province])["rows"][0]["value"]
        enrollment = psql(f"""insert into enrollment (province_code, course_id, participant_id, unit_code)
            select '{province}', '{course}', id, unit_code from participant where id = '{person}' returning id""").strip()
        scan = psql(f"""insert into check_in (province_code, client_scan_id, session_id, participant_id, outcome, method,
            scanned_at, scanned_by) select '{province}', gen_random_uuid(), '{session}', '{person}', 'accepted', 'qr',
            now(), id from app_user where username = 'bench-{province}' returning id""").strip()
        after = call(attendances, tokens[province])["rows"][0]["value"]
        psql(f"delete from check_in where id = '{scan}'; delete from enrollment where id = '{enrollment}'")
        print(f"  a check-in recorded now: attendances {before} -> {after} in the next report (no rebuild step)",
              flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("generate", "all"):
        generate()
    if what in ("run", "all"):
        run()
    if what in ("drop", "all"):
        psql(f"drop database if exists {DB} with (force)", db="postgres")
