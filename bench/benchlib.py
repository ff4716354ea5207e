"""What the benchmark scripts share: a fresh database on the local PostgreSQL, the service jar
started on it with the demo data, and small HTTP and SQL helpers. Loopback only."""
import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.environ.get("BENCH_JAR", os.path.join(ROOT, "target", "training-registry.jar"))
PG = ["-h", "127.0.0.1", "-U", "postgres"]


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


class Service:
    """The jar serving on a fresh database, with the demo data; dropped on exit."""

    def __init__(self, port):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.db = "registry_bench_" + uuid.uuid4().hex[:8]

    def psql(self, sql):
        return sh("psql", *PG, "-d", self.db, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql)

    def call(self, method, path, body=None, token=None, content_type="application/json"):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(self.base + path, method=method, data=data)
        req.add_header("Content-Type", content_type)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        with urllib.request.urlopen(req, timeout=300) as res:
            return json.loads(res.read() or b"null")

    def login(self, username):
        return self.call("POST", "/api/v1/auth/login",
                         {"username": username, "password": "demo-password-2024"})["accessToken"]

    @contextlib.contextmanager
    def running(self):
        if not os.path.exists(JAR):
            sys.exit("build first: mvn -q package -DskipTests")
        sh("createdb", *PG, self.db)
        env = dict(os.environ, PORT=str(self.port), DATABASE_URL=f"jdbc:postgresql://127.0.0.1:5432/{self.db}",
                   DATABASE_USER="postgres", LOG_LEVEL="WARN")
        server = subprocess.Popen(["java", "-jar", JAR, "serve", "--demo"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = server.pid
        try:
            for _ in range(120):
                try:
                    if self.call("GET", "/ready")["status"] == "ready":
                        break
                except Exception:
                    time.sleep(1)
            else:
                sys.exit("service did not become ready")
            yield self
        finally:
            server.terminate()
            server.wait(timeout=30)
            sh("dropdb", *PG, "--if-exists", "--force", self.db)


def cpu_seconds(pids):
    """User + system CPU time the processes have used so far (from /proc), in seconds."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except FileNotFoundError:
            pass  # a process that ended meanwhile
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time all cores have spent busy (not idle or waiting for I/O) since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def postgres_pids():
    """The local PostgreSQL's processes (postmaster, backends, writers)."""
    out = subprocess.run(["pgrep", "-u", "postgres"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
