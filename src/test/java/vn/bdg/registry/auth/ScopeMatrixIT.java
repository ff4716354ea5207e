package vn.bdg.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix: every operation that names a record, called by every kind of account
 * on a record outside that account's scope (another province; for district accounts another
 * district; for trainers a course not assigned to them), answers 404 (or 403 where the role may
 * not do it at all), and changes nothing.
 */
class ScopeMatrixIT {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};

    private final World world = World.create();
    private final World other = World.create();

    /** The records of one scope, all reachable by id. */
    private record Records(String course, String session, String participant, String excusedPerson,
                           String enrollment, String checkIn, String sheet, String number, String user,
                           String submission, String plan) {
        Map<String, String> vars() {
            Map<String, String> m = new HashMap<>();
            m.put("course", course);
            m.put("session", session);
            m.put("participant", participant);
            m.put("excused", excusedPerson);
            m.put("enrollment", enrollment);
            m.put("checkIn", checkIn);
            m.put("sheet", sheet);
            m.put("number", number);
            m.put("user", user);
            m.put("submission", submission);
            m.put("plan", plan);
            return m;
        }
    }

    private static int counter;

    /** A completed course of the unit with a session, two trainees (one present, one excused), a certificate and more. */
    private static Records recordsIn(World w, String district, String commune) {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(12);
        UUID course = Fixtures.course(w, district, "completed", day, day);
        UUID session = Fixtures.session(w, course, day, LocalTime.of(8, 0), LocalTime.of(11, 30));
        UUID person = Fixtures.participant(w, "Nông Thị Mai", "female", commune);
        UUID excused = Fixtures.participant(w, "Lục Văn Tài", "male", commune);
        UUID enrollment = Fixtures.enroll(w, course, person);
        Fixtures.enroll(w, course, excused);
        Api.Res checkIn = w.organizer.post("/api/v1/sessions/" + session + "/check-ins", Map.of(
                "clientScanId", UUID.randomUUID().toString(), "participantId", person.toString(), "method", "manual",
                "scannedAt", day.atTime(8, 5).atOffset(ZoneOffset.ofHours(7)).toString(), "deviceId", "test"));
        assertThat(checkIn.json().get("outcome").asText()).as(checkIn.body()).isEqualTo("accepted");
        assertThat(w.organizer.put("/api/v1/sessions/" + session + "/excused/" + excused,
                Map.of("reason", "Ốm")).status()).isEqualTo(204);
        Api.Res sheet = w.organizer.send("POST", "/api/v1/sessions/" + session + "/sign-in-sheets", "image/png", PNG);
        assertThat(sheet.status()).as(sheet.body()).isEqualTo(201);
        Api.Res issued = w.organizer.post("/api/v1/courses/" + course + "/certificates", Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        Api user = w.newUser("t" + (++counter), Role.trainer, district);
        Api reporter = w.newUser("r" + (++counter), Role.reporter, district);
        Api.Res submission = reporter.post("/api/v1/reports/submissions", Map.of("period", day.getYear() + ""));
        assertThat(submission.status()).as(submission.body()).isEqualTo(201);
        Api.Res plan = w.admin.post("/api/v1/plans", Map.of("number", (++counter) + "/KH-UBND",
                "issuedOn", day.getYear() + "-01-15", "year", day.getYear(), "title", "Kế hoạch năm",
                "activities", List.of(Map.of("description", "Tập huấn", "topic", "gbv_prevention",
                        "targetGroup", "commune_collaborators", "level", "commune", "plannedCourses", 1,
                        "plannedParticipants", 10, "budget", 1000))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        return new Records(course.toString(), session.toString(), person.toString(), excused.toString(),
                enrollment.toString(), checkIn.json().get("checkIn").get("id").asText(),
                sheet.json().get("id").asText(), issued.json().get("issued").get(0).get("number").asText(),
                user.get("/api/v1/me").json().get("id").asText(), submission.json().get("id").asText(),
                plan.json().get("id").asText());
    }

    /** One call: method, path with {placeholders}, a JSON body (or PNG bytes for "png"). */
    private record Op(String method, String path, Object body) {
    }

    private static Op op(String method, String path) {
        return new Op(method, path, null);
    }

    private static Op op(String method, String path, Object body) {
        return new Op(method, path, body);
    }

    private static List<Op> operations(String ownParticipant, String ownTrainer, String ownActivity) {
        String now = OffsetDateTime.now(ZoneOffset.ofHours(7)).toString();
        return List.of(
                op("GET", "/api/v1/courses/{course}"),
                op("PATCH", "/api/v1/courses/{course}", Map.of("title", "Đổi tên")),
                op("PATCH", "/api/v1/courses/{course}", Map.of("status", "cancelled")),
                op("GET", "/api/v1/courses/{course}/sessions"),
                op("POST", "/api/v1/courses/{course}/sessions", Map.of("date", LocalDate.now().minusDays(12).toString(),
                        "startTime", "13:00", "endTime", "15:00")),
                op("GET", "/api/v1/sessions/{session}"),
                op("PATCH", "/api/v1/sessions/{session}", Map.of("venue", "Nơi khác")),
                op("DELETE", "/api/v1/sessions/{session}"),
                op("GET", "/api/v1/courses/{course}/enrollments"),
                op("POST", "/api/v1/courses/{course}/enrollments", Map.of("participantId", ownParticipant)),
                op("POST", "/api/v1/courses/{course}/enrollments/{enrollment}/withdraw", Map.of()),
                op("GET", "/api/v1/courses/{course}/trainers"),
                op("POST", "/api/v1/courses/{course}/trainers", Map.of("userId", ownTrainer)),
                op("DELETE", "/api/v1/courses/{course}/trainers/{user}"),
                op("GET", "/api/v1/participants/{participant}"),
                op("PATCH", "/api/v1/participants/{participant}", Map.of("fullName", "Tên Khác")),
                op("GET", "/api/v1/participants/{participant}/duplicates"),
                op("POST", "/api/v1/participants/{participant}/merge", Map.of("duplicateId", ownParticipant)),
                op("POST", "/api/v1/participants/" + ownParticipant + "/merge", Map.of("duplicateId", "{participant}")),
                op("POST", "/api/v1/participants/{participant}/erasure", Map.of("reason", "Yêu cầu của người học")),
                op("GET", "/api/v1/participants/{participant}/card"),
                op("POST", "/api/v1/participants/{participant}/card/revoke", Map.of("reason", "Mất thẻ")),
                op("GET", "/api/v1/participants/{participant}/badge.png"),
                op("GET", "/api/v1/courses/{course}/badges.pdf"),
                op("GET", "/api/v1/sessions/{session}/roster"),
                op("POST", "/api/v1/sessions/{session}/check-ins", Map.of("clientScanId", UUID.randomUUID().toString(),
                        "participantId", "{participant}", "method", "manual", "scannedAt", now, "deviceId", "x")),
                op("POST", "/api/v1/courses/{course}/walk-ins", Map.of("sessionId", "{session}",
                        "clientScanId", UUID.randomUUID().toString(), "scannedAt", now, "deviceId", "x",
                        "participant", Map.of("fullName", "Người Lạ", "sex", "female", "birthYear", 1990))),
                op("DELETE", "/api/v1/check-ins/{checkIn}"),
                op("GET", "/api/v1/courses/{course}/attendance"),
                op("PUT", "/api/v1/sessions/{session}/excused/{participant}", Map.of("reason", "Bận")),
                op("DELETE", "/api/v1/sessions/{session}/excused/{excused}"),
                op("GET", "/api/v1/sessions/{session}/sign-in-sheet.pdf"),
                op("GET", "/api/v1/sessions/{session}/sign-in-sheets"),
                op("GET", "/api/v1/sessions/{session}/sign-in-sheets/{sheet}"),
                op("POST", "/api/v1/sessions/{session}/sign-in-sheets", "png"),
                op("POST", "/api/v1/courses/{course}/certificates", Map.of()),
                op("POST", "/api/v1/courses/{course}/certificates/{excused}", Map.of("reason", "Cấp tay")),
                op("POST", "/api/v1/courses/{course}/certificates/{participant}/withhold", Map.of("reason", "Giữ lại")),
                op("GET", "/api/v1/courses/{course}/certificates.zip"),
                op("GET", "/api/v1/courses/{course}/certificates.pdf"),
                op("GET", "/api/v1/certificates/{number}.pdf"),
                op("GET", "/api/v1/certificates/{number}/badge.json"),
                op("GET", "/api/v1/certificates/{number}/badge.jwt"),
                op("POST", "/api/v1/certificates/{number}/revoke", Map.of("reason", "Sai tên")),
                op("PUT", "/api/v1/courses/{course}/plan-activity", Map.of("activityId", ownActivity)),
                op("GET", "/api/v1/reports/submissions/{submission}"),
                op("GET", "/api/v1/reports/submissions/{submission}/diff"),
                op("GET", "/api/v1/users/{user}"),
                op("PATCH", "/api/v1/users/{user}", Map.of("fullName", "Tên Khác")),
                op("PATCH", "/api/v1/users/{user}", Map.of("active", false)),
                op("POST", "/api/v1/users/{user}/password", Map.of("password", "một mật khẩu mới dài")));
    }

    private static Object fill(Object body, Map<String, String> vars) {
        if (body instanceof String s) {
            return vars.containsKey(s.replaceAll("[{}]", "")) && s.startsWith("{") ? vars.get(s.replaceAll("[{}]", "")) : s;
        }
        if (body instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, fill(v, vars)));
            return out;
        }
        return body;
    }

    private static String fillPath(String path, Map<String, String> vars) {
        for (var e : vars.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path;
    }

    private static Api.Res call(Api api, Op op, Map<String, String> vars) {
        String path = fillPath(op.path(), vars);
        if ("png".equals(op.body())) {
            return api.send(op.method(), path, "image/png", PNG);
        }
        Object body = fill(op.body(), vars);
        return switch (op.method()) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "POST" -> api.post(path, body);
            case "PUT" -> api.put(path, body);
            case "PATCH" -> api.patch(path, body);
            default -> throw new IllegalArgumentException(op.method());
        };
    }

    private record Account(String name, Api api, String ownParticipant, String ownTrainer, String ownActivity) {
    }

    @Test
    void everyOperationOnARecordOutsideTheCallersScopeAnswers404Or403AndChangesNothing() {
        Records homeA = recordsIn(world, world.districtA, world.communeA1);
        Records homeB = recordsIn(world, world.districtB, world.communeB1);
        Records abroad = recordsIn(other, other.districtA, other.communeA1);
        String ownParticipantA = Fixtures.participant(world, "Hà Thị Lan", "female", world.communeA2).toString();
        String ownTrainer = world.trainer.get("/api/v1/me").json().get("id").asText();
        String ownActivity = world.admin.get("/api/v1/plans/" + homeA.plan()).json()
                .get("activities").get(0).get("id").asText();
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        Api districtTrainer = world.newUser("dtrainer", Role.trainer, world.districtA);
        // the province-wide trainer teaches the course of district A only
        Fixtures.assignTrainer(world, UUID.fromString(homeA.course()), world.trainer);

        List<Account> provinceWide = List.of(
                new Account("admin", world.admin, ownParticipantA, ownTrainer, ownActivity),
                new Account("organizer", world.organizer, ownParticipantA, ownTrainer, ownActivity),
                new Account("reporter", world.reporter, ownParticipantA, ownTrainer, ownActivity),
                new Account("trainer", world.trainer, ownParticipantA, ownTrainer, ownActivity));
        List<Account> districtA = List.of(
                new Account("district admin", districtAdmin, ownParticipantA, ownTrainer, ownActivity),
                new Account("district organizer", world.districtOrganizer, ownParticipantA, ownTrainer, ownActivity),
                new Account("district reporter", world.districtReporter, ownParticipantA, ownTrainer, ownActivity),
                new Account("district trainer", districtTrainer, ownParticipantA, ownTrainer, ownActivity));

        List<String> wrong = new ArrayList<>();
        for (Account a : provinceWide) {
            check(a, abroad, "another province", wrong);
        }
        for (Account a : districtA) {
            check(a, abroad, "another province", wrong);
            check(a, homeB, "another district", wrong);
        }
        // the province-wide trainer: district B's course is not assigned to them
        Account trainer = provinceWide.get(3);
        check(trainer, homeB, "unassigned course", wrong);
        assertThat(wrong).isEmpty();

        unchanged(world, homeB);
        unchanged(other, abroad);
    }

    private static void check(Account a, Records target, String where, List<String> wrong) {
        Map<String, String> vars = target.vars();
        for (Op op : operations(a.ownParticipant(), a.ownTrainer(), a.ownActivity())) {
            // plans are the province's: only another province's is out of scope
            if (op.path().contains("{plan}") && !"another province".equals(where)) {
                continue;
            }
            Api.Res res = call(a.api(), op, vars);
            if (res.status() != 404 && res.status() != 403) {
                wrong.add(a.name() + " on " + where + ": " + op.method() + " " + op.path() + " -> " + res.status()
                        + " " + (res.body().length() > 200 ? res.body().substring(0, 200) : res.body()));
            }
        }
        Api.Res plan = a.api().get("/api/v1/plans/" + target.plan());
        if ("another province".equals(where) && plan.status() != 404 && plan.status() != 403) {
            wrong.add(a.name() + " on " + where + ": GET plan -> " + plan.status());
        }
    }

    @Test
    void anAdminOfADistrictCannotChangeTheProvincesReportPeriods() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        // the half-year cut-off dates every district's reports and the province's
        assertThat(districtAdmin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status())
                .isEqualTo(403);
        assertThat(world.admin.get("/api/v1/reports/settings").json().get("halfYearStart").asText())
                .isEqualTo("01-01");
        // the province-wide admin still may
        assertThat(world.admin.put("/api/v1/reports/settings", Map.of("halfYearStart", "12-15")).status())
                .isEqualTo(200);
    }

    @Test
    void anAdminOfADistrictCannotRotateOrRetireTheProvincesSigningKey() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        // the signing key signs every district's cards and certificates: retiring it voids them all
        String card = world.admin.get("/api/v1/participants/"
                + Fixtures.participant(world, "Nông Thị Mai", "female", world.communeB1) + "/card").json()
                .get("token").asText();
        String kid = new String(java.util.Base64.getUrlDecoder().decode(card.split("\\.")[0]))
                .replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        assertThat(districtAdmin.post("/api/v1/keys/" + kid + "/retire", Map.of()).status()).isEqualTo(403);
        assertThat(districtAdmin.post("/api/v1/keys/rotate", Map.of()).status()).isEqualTo(403);
        assertThat(Api.anonymous().get("/api/v1/keys?province=" + world.province).body()).contains(kid);
        // the province-wide admin still may
        assertThat(world.admin.post("/api/v1/keys/rotate", Map.of()).status()).isEqualTo(201);
    }

    @Test
    void batchesBulkEnrollmentsMergesAndListFiltersDoNotReachAnotherDistrict() {
        Records homeA = recordsIn(world, world.districtA, world.communeA1);
        Records homeB = recordsIn(world, world.districtB, world.communeB1);
        Api organizer = world.districtOrganizer;
        // a batch naming another district's session stores nothing and says nothing
        String when = LocalDate.now(Fixtures.VIETNAM).minusDays(12).atTime(8, 10).atOffset(ZoneOffset.ofHours(7)).toString();
        Api.Res batch = organizer.post("/api/v1/check-ins/batch", Map.of("items", List.of(
                Map.of("sessionId", homeB.session(), "clientScanId", UUID.randomUUID().toString(),
                        "participantId", homeB.excusedPerson(), "method", "manual", "scannedAt", when, "deviceId", "x"),
                Map.of("sessionId", homeA.session(), "clientScanId", UUID.randomUUID().toString(),
                        "participantId", homeB.excusedPerson(), "method", "manual", "scannedAt", when, "deviceId", "x"))));
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get("items").get(0).get("outcome").asText()).isEqualTo("unknown_session");
        assertThat(batch.json().get("items").get(1).get("outcome").asText()).isEqualTo("not_enrolled");
        assertThat(batch.body()).doesNotContain("Lục Văn Tài");
        assertThat(world.admin.get("/api/v1/courses/" + homeB.course() + "/attendance").body()).contains("excused");
        // bulk enrollment naming another district's person: refused as a whole
        String mine = Fixtures.participant(world, "Hà Thị Lan", "female", world.communeA2).toString();
        String open = Fixtures.courseToday(world, world.districtA).toString();
        Api.Res bulk = organizer.post("/api/v1/courses/" + open + "/enrollments",
                Map.of("items", List.of(Map.of("participantId", mine), Map.of("participantId", homeB.participant()))));
        assertThat(bulk.status()).as(bulk.body()).isIn(404, 422);
        assertThat(world.admin.get("/api/v1/courses/" + open + "/enrollments").json().get("items")).isEmpty();
        // list filters naming another district do not widen the list
        assertThat(organizer.get("/api/v1/courses?unit=" + world.districtB).status()).isIn(200, 400, 404, 422);
        Api.Res courses = organizer.get("/api/v1/courses?unit=" + world.districtB);
        if (courses.status() == 200) {
            assertThat(courses.ids()).doesNotContain(homeB.course());
        }
        Api.Res people = organizer.get("/api/v1/participants?unit=" + world.districtB);
        if (people.status() == 200) {
            assertThat(people.ids()).doesNotContain(homeB.participant(), homeB.excusedPerson());
        }
        Api.Res found = organizer.get("/api/v1/participants?q=Mai");
        assertThat(found.ids()).doesNotContain(homeB.participant());
        for (String query : List.of("reports/indicators?period=" + LocalDate.now().getYear() + "&unit=" + world.districtB,
                "reports/indicators/persons_trained/records?period=" + LocalDate.now().getYear() + "&unit=" + world.districtB,
                "reports/flags?period=" + LocalDate.now().getYear() + "&unit=" + world.districtB,
                "reports/dhis2/dataValueSets?period=" + LocalDate.now().getYear() + "&unit=" + world.districtB)) {
            Api.Res r = world.districtReporter.get("/api/v1/" + query);
            assertThat(r.status()).as(query + " " + r.body()).isIn(403, 404, 422);
        }
        Api.Res records = world.districtReporter.get("/api/v1/reports/indicators/persons_trained/records?period="
                + LocalDate.now().getYear() + "&limit=100");
        assertThat(records.body()).doesNotContain(homeB.participant()).doesNotContain(homeB.course());
        assertThat(world.districtReporter.get("/api/v1/reports/submissions").body()).doesNotContain(homeB.submission());
        assertThat(world.districtOrganizer.get("/api/v1/users").body()).doesNotContain(homeB.user());
        assertThat(world.districtOrganizer.get("/api/v1/users?active=false").body()).doesNotContain(homeB.user());
        assertThat(world.districtOrganizer.get("/api/v1/users?role=trainer").body()).doesNotContain(homeB.user());
    }

    @Test
    void noAccountMakesOrChangesAnAccountWithMoreReachThanItsOwn() {
        Api districtAdmin = world.newUser("dadmin", Role.admin, world.districtA);
        String me = districtAdmin.get("/api/v1/me").json().get("id").asText();
        Map<String, Object> wide = new HashMap<>(Map.of("username", world.username("x1"), "password", World.PASSWORD,
                "role", "admin", "fullName", "Người Mới"));
        wide.put("unitCode", null);
        assertThat(districtAdmin.post("/api/v1/users", wide).status()).isEqualTo(422);
        wide.put("unitCode", world.districtB);
        assertThat(districtAdmin.post("/api/v1/users", wide).status()).isEqualTo(422);
        wide.put("unitCode", other.districtA);
        assertThat(districtAdmin.post("/api/v1/users", wide).status()).isEqualTo(422);
        assertThat(world.organizer.post("/api/v1/users", Map.of("username", world.username("x2"), "password",
                World.PASSWORD, "role", "admin", "fullName", "Người Mới")).status()).isEqualTo(403);
        Map<String, Object> widen = new HashMap<>();
        widen.put("unitCode", null);
        assertThat(districtAdmin.patch("/api/v1/users/" + me, widen).status()).isEqualTo(422);
        assertThat(districtAdmin.patch("/api/v1/users/" + me, Map.of("unitCode", world.districtB)).status()).isEqualTo(422);
        assertThat(districtAdmin.patch("/api/v1/users/" + me, Map.of("unitCode", world.province)).status()).isEqualTo(422);
        String trainer = world.newUser("tA", Role.trainer, world.communeA1).get("/api/v1/me").json().get("id").asText();
        assertThat(districtAdmin.patch("/api/v1/users/" + trainer, widen).status()).isEqualTo(422);
        assertThat(districtAdmin.patch("/api/v1/users/" + trainer, Map.of("unitCode", world.province)).status())
                .isEqualTo(422);
        String provinceAdmin = world.admin.get("/api/v1/me").json().get("id").asText();
        assertThat(districtAdmin.patch("/api/v1/users/" + provinceAdmin, Map.of("role", "reporter")).status())
                .isEqualTo(404);
        assertThat(world.organizer.patch("/api/v1/users/" + trainer, Map.of("role", "admin")).status()).isEqualTo(403);
        assertThat(world.admin.get("/api/v1/me").json().get("role").asText()).isEqualTo("admin");
        assertThat(districtAdmin.get("/api/v1/audit-log").status()).isEqualTo(403);
        assertThat(districtAdmin.post("/api/v1/plans", Map.of("number", "1/KH", "issuedOn", "2026-01-15", "year", 2026,
                "title", "Kế hoạch", "activities", List.of())).status()).isIn(403, 400, 422);
    }

    @Test
    void aRecordOfAnotherDistrictNamedUnderACourseOrSessionOfTheCallersOwnIsNotReached() {
        Records homeA = recordsIn(world, world.districtA, world.communeA1);
        Records homeB = recordsIn(world, world.districtB, world.communeB1);
        Map<String, String> mixed = homeB.vars();
        mixed.put("course", homeA.course());
        mixed.put("session", homeA.session());
        String own = Fixtures.participant(world, "Hà Thị Lan", "female", world.communeA2).toString();
        String trainer = world.trainer.get("/api/v1/me").json().get("id").asText();
        List<String> wrong = new ArrayList<>();
        for (Api api : List.of(world.districtOrganizer, world.organizer)) {
            for (Op op : operations(own, trainer, UUID.randomUUID().toString())) {
                String text = op.path() + op.body();
                if (!text.matches("(?s).*\\{(enrollment|checkIn|sheet|number|user|participant|excused)}.*")
                        || !text.contains("{course}") && !text.contains("{session}")
                        // a scan at one's own session is stored as evidence, refused and without the person
                        || op.path().endsWith("/check-ins")) {
                    continue;
                }
                Api.Res res = call(api, op, mixed);
                if (res.status() < 400 || res.status() == 409) {
                    wrong.add(op.method() + " " + op.path() + " -> " + res.status() + " " + res.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        unchanged(world, homeB);
    }

    @Test
    void aDistrictCorrectingAPersonsUnitDoesNotRewriteAnotherDistrictsPastCourses() {
        // trained in district B last year, then moved to district A (by the province)
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusYears(1);
        UUID person = Fixtures.participant(world, "Nông Thị Mai", "female", world.communeB1);
        UUID pastB = Fixtures.course(world, world.districtB, "completed", day, day);
        Fixtures.enroll(world, pastB, person);
        assertThat(world.organizer.patch("/api/v1/participants/" + person, Map.of("unitCode", world.communeA1))
                .status()).isEqualTo(200);
        assertThat(enrollmentUnit(pastB)).isEqualTo(world.communeB1);
        // district A finds it wrote the wrong commune of its own: A2, not A1
        Api.Res corrected = world.districtOrganizer.patch("/api/v1/participants/" + person + "?unitChange=corrected",
                Map.of("unitCode", world.communeA2));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        // district B's course, which district A cannot even see, still counts her where she was trained
        assertThat(enrollmentUnit(pastB)).isEqualTo(world.communeB1);
    }

    private String enrollmentUnit(UUID course) {
        Api.Res res = world.organizer.get("/api/v1/courses/" + course + "/enrollments");
        assertThat(res.json().get("items")).hasSize(1);
        return res.json().get("items").get(0).get("unitCode").asText();
    }

    private static void unchanged(World w, Records r) {
        Api owner = w.admin;
        JsonNode course = owner.get("/api/v1/courses/" + r.course()).json();
        assertThat(course.get("title").asText()).isNotEqualTo("Đổi tên");
        assertThat(course.get("status").asText()).isEqualTo("completed");
        assertThat(owner.get("/api/v1/courses/" + r.course() + "/sessions").ids()).containsExactly(r.session());
        assertThat(owner.get("/api/v1/sessions/" + r.session()).json().get("venue").asText()).isNotEqualTo("Nơi khác");
        assertThat(owner.get("/api/v1/courses/" + r.course() + "/enrollments?status=enrolled").json().get("items"))
                .hasSize(2);
        assertThat(owner.get("/api/v1/participants/" + r.participant()).json().get("fullName").asText())
                .isEqualTo("Nông Thị Mai");
        assertThat(owner.get("/api/v1/courses/" + r.course() + "/trainers").json().get("items")).isEmpty();
        assertThat(owner.get("/api/v1/sessions/" + r.session() + "/sign-in-sheets").json().get("items")).hasSize(1);
        JsonNode attendance = owner.get("/api/v1/courses/" + r.course() + "/attendance").json();
        assertThat(attendance.toString()).contains("present").contains("excused");
        assertThat(owner.get("/api/v1/users?active=false").ids()).doesNotContain(r.user());
    }
}
