#!/usr/bin/env python3
"""Participant import of 10,000 rows and participant search on 1,000,000 participants.

Runs on this machine only (loopback): starts the service jar on a fresh database of the local
PostgreSQL with the demo province (06), then
  1. POST /api/v1/participants/import with a 10,000-row CSV: a dry run, then the commit;
  2. loads 1,000,000 participants with SQL (generate_series, Vietnamese names from common parts);
  3. GET /api/v1/participants?q=... one request at a time: names without diacritics, names with a
     typo, phone numbers; p50 and p99 latency of each kind.
Prints the figures; bench/README.md records what it printed. Needs: java, psql.
"""
import os
import random
import statistics
import time
import urllib.parse

from benchlib import Service, percentile

MILLION = int(os.environ.get("BENCH_PARTICIPANTS", "1000000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "200"))

FAMILY = ["Nguyễn", "Hoàng", "Nông", "Triệu", "Lương", "Hà", "Ma", "Đàm", "Lý", "Bế", "Lục", "Dương", "Hứa",
          "Trần", "Lê", "Phạm", "Vi", "La", "Lưu", "Đinh"]
FEMALE = ["Hoà", "Lan", "Hương", "Mai", "Thảo", "Huyền", "Nga", "Thuỷ", "Hạnh", "Liên", "Phượng", "Yến", "Dung",
          "Nhung", "Loan", "Hằng", "Ngọc Anh", "Thu Trang", "Minh Châu", "Bích"]
MALE = ["Minh", "Hùng", "Dũng", "Thắng", "Tuấn", "Khánh", "Sơn", "Long", "Quân", "Cường", "Bình", "Hải"]
STRIP = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                      "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")


def name(rnd, female):
    return f"{rnd.choice(FAMILY)} {'Thị' if female else 'Văn'} {rnd.choice(FEMALE if female else MALE)}"


def csv_of(rows, communes, rnd):
    lines = ["full_name,sex,birth_year,phone,unit_code,target_groups"]
    for i in range(rows):
        female = rnd.random() < 0.7
        lines.append(f"{name(rnd, female)},{'female' if female else 'male'},{1960 + rnd.randint(0, 44)},"
                     f"09{rnd.randint(10_000_000, 99_999_999)},{rnd.choice(communes)},commune_collaborators")
    return ("\n".join(lines) + "\n").encode()


def timed_searches(svc, token, queries):
    times = []
    for q in queries:
        start = time.perf_counter()
        svc.call("GET", "/api/v1/participants?limit=20&q=" + urllib.parse.quote(q), token=token)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 99)


def main():
    rnd = random.Random(7)
    with Service(int(os.environ.get("BENCH_PORT", "7172"))).running() as svc:
        token = svc.login("demo-organizer")
        communes = svc.psql("select code from admin_unit where level = 'commune' and parent_code in "
                            "(select code from admin_unit where parent_code = '06')").split()
        body = csv_of(10_000, communes, rnd)
        for dry in ("true", "false"):
            start = time.perf_counter()
            report = svc.call("POST", f"/api/v1/participants/import?dryRun={dry}", body, token, "text/csv")
            print(f"import 10,000 CSV rows, dryRun={dry}: {time.perf_counter() - start:.2f} s "
                  f"(created {report['created']}, matched {report['matched']}, rejected {report['rejected']})")

        start = time.perf_counter()
        svc.psql(f"""insert into participant (province_code, full_name, sex, birth_year, phone, unit_code)
            select '06',
                   (array{FAMILY!r})[1 + (i / 10) % {len(FAMILY)}] || case when i % 10 < 7 then ' Thị ' else ' Văn ' end ||
                   case when i % 10 < 7 then (array{FEMALE!r})[1 + (i / {10 * len(FAMILY)}) % {len(FEMALE)}]
                        else (array{MALE!r})[1 + (i / {10 * len(FAMILY)}) % {len(MALE)}] end,
                   case when i % 10 < 7 then 'female' else 'male' end,
                   1960 + i % 45,
                   '+848' || lpad(i::text, 8, '0'),
                   (array{communes!r})[1 + i % {len(communes)}]
            from generate_series(1, {MILLION}) i""".replace('"', "'"))
        svc.psql("analyze participant")
        total = int(svc.psql("select count(*) from participant where province_code = '06'"))
        print(f"loaded {MILLION:,} participants with SQL in {time.perf_counter() - start:.0f} s; "
              f"{total:,} in the province")

        names = [name(rnd, rnd.random() < 0.7) for _ in range(QUERIES)]
        plain = [n.lower().translate(STRIP) for n in names]
        typos = [p[:-2] + p[-1] + p[-2] for p in plain]  # two letters swapped at the end
        phones = [f"08{rnd.randint(1, MILLION):08d}" for _ in range(QUERIES)]
        svc.call("GET", "/api/v1/participants?q=warm%20up", token=token)
        for label, queries in (("name without diacritics", plain), ("name with a typo", typos),
                               ("phone, national format", phones)):
            p50, p99 = timed_searches(svc, token, queries)
            print(f"search on {total:,} participants, {label}: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
                  f"({len(queries)} requests, one at a time)")


if __name__ == "__main__":
    main()
