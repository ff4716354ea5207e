package vn.bdg.registry.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT;

/**
 * Time to issue and render the certificates of a large course (not a JUnit test; see bench/README.md):
 * a completed course of 1,000 trainees (or the number given) who attended both sessions, then
 * POST /courses/{id}/certificates (numbering, signing, storing), the same again (idempotent),
 * GET /courses/{id}/certificates.pdf (all in one PDF, for printing) and GET /courses/{id}/certificates.zip
 * (a PDF each). Through HTTP, on the test server and database.
 */
public final class CertificateBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CertificateBench() {
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        TestServer server = TestServer.get();
        World world = World.create();
        String token = login(server.baseUrl, world.username("organizer"));
        CertificateFixtures.Course course = CertificateFixtures.completedCourse(world, 2);

        var dsl = server.database.dsl();
        var insert = dsl.insertInto(PARTICIPANT, PARTICIPANT.PROVINCE_CODE, PARTICIPANT.FULL_NAME, PARTICIPANT.SEX,
                PARTICIPANT.UNIT_CODE, PARTICIPANT.BIRTH_YEAR);
        String[] names = {"Nguyễn Thị Hoà", "Hoàng Văn Đức", "Lương Thị Thuỷ", "Đặng Ngọc Ánh", "Bế Thị Nga"};
        for (int i = 0; i < people; i++) {
            insert = insert.values(world.province, names[i % names.length] + " " + (i + 1), i % 2 == 0 ? "female" : "male",
                    world.communeA1, 1960 + i % 40);
        }
        List<UUID> ids = insert.returning(PARTICIPANT.ID).fetch(PARTICIPANT.ID);
        var enroll = dsl.insertInto(ENROLLMENT, ENROLLMENT.PROVINCE_CODE, ENROLLMENT.COURSE_ID, ENROLLMENT.PARTICIPANT_ID);
        for (UUID id : ids) {
            enroll = enroll.values(world.province, course.id(), id);
        }
        enroll.execute();
        List<Map<String, Object>> scans = new ArrayList<>();
        for (int s = 0; s < course.sessions().size(); s++) {
            String at = course.dates().get(s).atTime(8, 5).atOffset(ZoneOffset.ofHours(7)).toString();
            for (UUID id : ids) {
                scans.add(Map.of("sessionId", course.sessions().get(s).toString(), "clientScanId",
                        UUID.randomUUID().toString(), "participantId", id.toString(), "method", "manual",
                        "scannedAt", at, "deviceId", "bench"));
            }
        }
        send(server.baseUrl, token, "POST", "/api/v1/check-ins/batch", Map.of("items", scans));

        String certificates = "/api/v1/courses/" + course.id() + "/certificates";
        Timed issue = timed(() -> send(server.baseUrl, token, "POST", certificates, Map.of()));
        Timed issueAgain = timed(() -> send(server.baseUrl, token, "POST", certificates, Map.of()));
        Timed merged = timed(() -> send(server.baseUrl, token, "GET", certificates + ".pdf", null));
        Timed mergedAgain = timed(() -> send(server.baseUrl, token, "GET", certificates + ".pdf", null));
        Timed zip = timed(() -> send(server.baseUrl, token, "GET", certificates + ".zip", null));
        Timed zipAgain = timed(() -> send(server.baseUrl, token, "GET", certificates + ".zip", null));

        JsonNode issued = Json.MAPPER.readTree(issue.body());
        JsonNode again = Json.MAPPER.readTree(issueAgain.body());
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            while (in.getNextEntry() != null) {
                files++;
            }
        }
        int pages;
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(merged.body())) {
            pages = pdf.getNumberOfPages();
        }
        System.out.printf("%d trainees, %d cores; wall time, and CPU time of the process (all cores)%n", people,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("issue (number, sign, store) : %d created in %d ms (CPU %d ms)%n",
                issued.get("created").asInt(), issue.wallMs(), issue.cpuMs());
        System.out.printf("issue again (idempotent)     : %d created, %d listed in %d ms%n",
                again.get("created").asInt(), again.get("issued").size(), issueAgain.wallMs());
        System.out.printf("one PDF of all (cold JVM)    : %d pages, %.1f MB in %d ms (CPU %.1f ms a page)%n", pages,
                merged.body().length / 1e6, merged.wallMs(), merged.cpuMs() / (double) Math.max(1, pages));
        System.out.printf("one PDF of all again         : %d ms%n", mergedAgain.wallMs());
        System.out.printf("ZIP of every PDF             : %d PDFs, %.1f MB in %d ms (CPU %.1f ms a PDF)%n", files,
                zip.body().length / 1e6, zip.wallMs(), zip.cpuMs() / (double) Math.max(1, files));
        System.out.printf("the ZIP again (warm JVM)     : %d ms (CPU %.1f ms a PDF)%n", zipAgain.wallMs(),
                zipAgain.cpuMs() / (double) Math.max(1, files));
        System.out.printf("issue + one PDF (cold JVM)   : %.1f s%n", (issue.wallMs() + merged.wallMs()) / 1e3);
        System.out.printf("load average during the run  : %s%n", java.nio.file.Files.readString(
                java.nio.file.Path.of("/proc/loadavg")).strip());
        System.exit(0);
    }

    /** A request's answer, its wall time and the CPU time of the whole process (server and client) meanwhile. */
    private record Timed(byte[] body, long wallMs, long cpuMs) {
    }

    private interface Request {
        byte[] send() throws Exception;
    }

    private static Timed timed(Request request) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        byte[] body = request.send();
        return new Timed(body, (System.nanoTime() - wall) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
    }

    private static String login(String base, String username) throws Exception {
        JsonNode res = Json.MAPPER.readTree(send(base, null, "POST", "/api/v1/auth/login",
                Map.of("username", username, "password", World.PASSWORD)));
        return res.get("accessToken").asText();
    }

    private static byte[] send(String base, String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        b.header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return r.body();
    }
}
