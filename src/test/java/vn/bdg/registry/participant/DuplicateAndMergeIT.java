package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.IfMatch;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.COURSE;
import static vn.bdg.registry.db.Tables.ENROLLMENT;
import static vn.bdg.registry.db.Tables.PARTICIPANT_MERGE;
import static vn.bdg.registry.participant.Participants.assertNoNationalId;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

class DuplicateAndMergeIT {
    private final World world = World.create();
    private final DSLContext db = TestServer.get().database.dsl();

    @Test
    void aDistrictsEditDoesNotDropTheProvincesFlagNamingAnotherDistrictsRecord() {
        // registered in district B, then again in district A by the province: flagged across districts
        JsonNode inB = create(world.organizer, "fullName", "Triệu Thị Mai", "sex", "female", "birthYear", 1988,
                "unitCode", world.communeB1, "phone", "0915333444");
        JsonNode inA = create(world.organizer, "fullName", "Triệu Thị Mai", "sex", "female", "birthYear", 1988,
                "unitCode", world.communeA1, "phone", "0915333444");
        assertThat(inA.get("duplicateOf").asText()).isEqualTo(id(inB));
        // district A, which cannot see the record in B, edits what it can
        Api.Res edited = world.districtOrganizer.patch("/api/v1/participants/" + id(inA),
                Map.of("position", "Chi hội trưởng"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        // the flag stays for the province to review: until merged, the two records count as two people
        JsonNode after = world.organizer.get("/api/v1/participants/" + id(inA)).json();
        assertThat(after.get("position").asText()).isEqualTo("Chi hội trưởng");
        assertThat(after.get("duplicateOf").asText()).isEqualTo(id(inB));
    }

    @Test
    void aLikelyDuplicateIsCreatedButFlaggedWithItsReasons() {
        JsonNode first = create(world.organizer, "fullName", "Hoàng Văn Nam", "sex", "male", "birthYear", 1979,
                "unitCode", world.communeA1, "phone", "0915111222", "nationalId", "006079123456");
        JsonNode samePhone = create(world.organizer, "fullName", "Hoàng V. Nam", "sex", "male",
                "phone", "+84 915 111 222");
        JsonNode sameId = create(world.organizer, "fullName", "Hoang Van Nam", "sex", "male",
                "nationalId", "006079123456");
        JsonNode sameNameYearUnit = create(world.organizer, "fullName", "hoàng văn nam", "sex", "male",
                "birthYear", 1979, "unitCode", world.communeA1);
        JsonNode differentUnit = create(world.organizer, "fullName", "Hoàng Văn Nam", "sex", "male",
                "birthYear", 1979, "unitCode", world.communeA2);

        assertThat(samePhone.get("duplicateOf").asText()).isEqualTo(id(first));
        assertThat(sameId.get("duplicateOf").asText()).isEqualTo(id(first));
        assertThat(sameNameYearUnit.get("duplicateOf").asText()).isEqualTo(id(first));
        assertThat(differentUnit.get("duplicateOf").isNull()).isTrue();

        Api.Res res = world.organizer.get("/api/v1/participants/" + id(first) + "/duplicates");
        assertThat(res.status()).isEqualTo(200);
        assertNoNationalId(res);
        Map<String, List<String>> reasons = new java.util.HashMap<>();
        res.json().get("items").forEach(c -> {
            List<String> r = new ArrayList<>();
            c.get("reasons").forEach(x -> r.add(x.asText()));
            reasons.put(c.get("participant").get("id").asText(), r);
        });
        assertThat(reasons).containsOnlyKeys(id(samePhone), id(sameId), id(sameNameYearUnit));
        assertThat(reasons.get(id(samePhone))).containsExactly("same_phone");
        assertThat(reasons.get(id(sameId))).containsExactly("same_national_id");
        assertThat(reasons.get(id(sameNameYearUnit))).containsExactly("same_name_birth_year_unit");
    }

    @Test
    void theSameNameTypedAnotherWayIsTheSameName() {
        // the first typed with new-style tone marks; the others in NFD (Unikey "Unicode tổ hợp"), with
        // old-style marks, with a no-break space from Word, with a zero-width space from Zalo
        JsonNode first = create(world.organizer, "fullName", "Lê Thị Thúy Hòa", "sex", "female",
                "birthYear", 1990, "unitCode", world.communeA1);
        List<String> others = List.of(
                java.text.Normalizer.normalize("Lê Thị Thúy Hòa", java.text.Normalizer.Form.NFD),
                "Lê Thị Thuý Hoà",
                "Lê\u00A0Thị Thúy\u00A0Hòa",
                "Lê Thị Th\u200Búy Hòa\u200B");
        for (String name : others) {
            JsonNode again = create(world.organizer, "fullName", name, "sex", "female",
                    "birthYear", 1990, "unitCode", world.communeA1);
            assertThat(again.get("duplicateOf").asText()).as(name.codePoints()
                    .mapToObj(c -> String.format("U+%04X", c)).collect(Collectors.joining(" ")))
                    .isEqualTo(id(first));
            assertThat(again.get("fullName").asText()).as("stored NFC, plain spaces, nothing invisible")
                    .isIn("Lê Thị Thúy Hòa", "Lê Thị Thuý Hoà");
        }
    }

    @Test
    void theSamePersonCreatedTwiceAtOnceIsFlaggedAsADuplicate() throws Exception {
        // two organisers type in the same person at the same moment: the later record names the earlier
        int organizers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(organizers);
        List<JsonNode> created = new ArrayList<>();
        try {
            CyclicBarrier together = new CyclicBarrier(organizers);
            List<Future<JsonNode>> sent = new ArrayList<>();
            for (int i = 0; i < organizers; i++) {
                sent.add(pool.submit(() -> {
                    together.await();
                    return create(world.organizer, "fullName", "Lương Thị Cùng", "sex", "female",
                            "birthYear", 1985, "nationalId", "001185000778", "unitCode", world.communeA1);
                }));
            }
            for (Future<JsonNode> res : sent) {
                created.add(res.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(created).filteredOn(p -> p.get("duplicateOf").isNull()).as("one original").hasSize(1);
        String original = id(created.stream().filter(p -> p.get("duplicateOf").isNull()).findFirst().orElseThrow());
        assertThat(created).filteredOn(p -> !p.get("duplicateOf").isNull())
                .allSatisfy(p -> assertThat(p.get("duplicateOf").asText()).isEqualTo(original));
    }

    @Test
    void anUpdateThatMakesARecordLookLikeAnOlderOneFlagsIt() {
        JsonNode older = create(world.organizer, "fullName", "Sầm Thị Liên", "sex", "female", "phone", "0986000111");
        JsonNode newer = create(world.organizer, "fullName", "Sầm Thị Liên", "sex", "female");
        assertThat(newer.get("duplicateOf").isNull()).isTrue();
        JsonNode updated = world.organizer.patch("/api/v1/participants/" + id(newer), body("phone", "0986 000 111"))
                .json();
        assertThat(updated.get("duplicateOf").asText()).isEqualTo(id(older));
        JsonNode olderUpdated = world.organizer.patch("/api/v1/participants/" + id(older), body("position", "Y tá"))
                .json();
        assertThat(olderUpdated.get("duplicateOf").isNull()).as("flags point to older records only").isTrue();
    }

    @Test
    void mergeMovesEnrollmentsKeepsOnePerCourseAndRetiresTheDuplicate() {
        JsonNode kept = create(world.organizer, "fullName", "Đinh Thị Thu", "sex", "female", "birthYear", 1988,
                "unitCode", world.communeA1, "targetGroups", List.of("women_leaders"));
        JsonNode duplicate = create(world.organizer, "fullName", "Đinh Thị Thu", "sex", "female", "birthYear", 1988,
                "unitCode", world.communeA1, "phone", "0977123123", "nationalId", "006188555666",
                "targetGroups", List.of("commune_collaborators"));
        JsonNode flaggedOnDuplicate = create(world.organizer, "fullName", "Đinh T. Thu", "sex", "female",
                "phone", "0977123123");
        assertThat(duplicate.get("duplicateOf").asText()).isEqualTo(id(kept));
        assertThat(flaggedOnDuplicate.get("duplicateOf").asText()).isEqualTo(id(duplicate));

        UUID onlyDuplicate = course("only-dup");
        UUID both = course("both");
        UUID keptWithdrawn = course("kept-withdrawn");
        UUID onlyKept = course("only-kept");
        enroll(onlyDuplicate, duplicate, "enrolled");
        enroll(both, duplicate, "enrolled");
        enroll(both, kept, "enrolled");
        UUID keptsWithdrawal = enroll(keptWithdrawn, kept, "withdrawn");
        UUID duplicatesActive = enroll(keptWithdrawn, duplicate, "enrolled");
        enroll(onlyKept, kept, "enrolled");

        Api.Res merged = world.organizer.post("/api/v1/participants/" + id(kept) + "/merge",
                body("duplicateId", id(duplicate)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertNoNationalId(merged);
        assertThat(merged.json().get("mergedId").asText()).isEqualTo(id(duplicate));
        assertThat(merged.json().get("movedEnrollments").asInt()).isEqualTo(2);
        JsonNode keptAfter = merged.json().get("kept");
        assertThat(keptAfter.get("phone").asText()).as("empty fields filled from the duplicate")
                .isEqualTo("+84977123123");
        assertThat(keptAfter.get("nationalIdMasked").asText()).isEqualTo("*********666");
        assertThat(keptAfter.get("targetGroups").toString()).contains("women_leaders", "commune_collaborators");

        Map<UUID, String> enrollments = db.selectFrom(ENROLLMENT)
                .where(ENROLLMENT.PARTICIPANT_ID.in(UUID.fromString(id(kept)), UUID.fromString(id(duplicate))))
                .fetch().stream().collect(Collectors.toMap(e -> e.getCourseId(),
                        e -> e.getParticipantId() + "/" + e.getStatus() + "/" + e.getId()));
        assertThat(enrollments).containsOnlyKeys(onlyDuplicate, both, keptWithdrawn, onlyKept);
        assertThat(enrollments.values()).allMatch(v -> v.startsWith(id(kept)));
        assertThat(enrollments.get(keptWithdrawn)).as("the active enrollment wins over a withdrawal")
                .isEqualTo(id(kept) + "/enrolled/" + duplicatesActive).doesNotContain(keptsWithdrawal.toString());

        JsonNode retired = world.organizer.get("/api/v1/participants/" + id(duplicate)).json();
        assertThat(retired.get("mergedInto").asText()).isEqualTo(id(kept));
        assertThat(world.organizer.get("/api/v1/participants").ids()).contains(id(kept)).doesNotContain(id(duplicate));
        assertThat(world.organizer.get("/api/v1/participants/" + id(flaggedOnDuplicate)).json().get("duplicateOf")
                .asText()).as("flags that named the duplicate now name the kept record").isEqualTo(id(kept));
        assertThat(db.fetchCount(PARTICIPANT_MERGE, PARTICIPANT_MERGE.MERGED_ID.eq(UUID.fromString(id(duplicate)))
                .and(PARTICIPANT_MERGE.KEPT_ID.eq(UUID.fromString(id(kept)))))).isEqualTo(1);

        for (String who : List.of(id(kept), id(duplicate))) {
            Api.Res log = world.admin.get("/api/v1/audit-log?entity=participant&entityId=" + who);
            assertNoNationalId(log);
            JsonNode last = log.json().get("items").get(0);
            assertThat(last.get("action").asText()).isEqualTo("merge");
            assertThat(last.get("before").isObject()).isTrue();
            assertThat(last.get("after").isObject()).isTrue();
        }
    }

    @Test
    void aTraineeEnrolmentOfTheDuplicateWinsOverAnObserverOneOfTheKeptRecord() {
        JsonNode kept = create(world.organizer, "fullName", "Lò Thị Yến", "sex", "female", "unitCode", world.communeA1);
        JsonNode duplicate = create(world.organizer, "fullName", "Lò Thị Yến", "sex", "female",
                "unitCode", world.communeA1);
        UUID course = course("roles");
        db.insertInto(ENROLLMENT).set(ENROLLMENT.PROVINCE_CODE, world.province).set(ENROLLMENT.COURSE_ID, course)
                .set(ENROLLMENT.PARTICIPANT_ID, UUID.fromString(id(kept))).set(ENROLLMENT.ROLE, "observer").execute();
        enroll(course, duplicate, "enrolled");
        assertThat(world.organizer.post("/api/v1/participants/" + id(kept) + "/merge",
                body("duplicateId", id(duplicate))).status()).isEqualTo(200);
        assertThat(db.select(ENROLLMENT.ROLE).from(ENROLLMENT).where(ENROLLMENT.COURSE_ID.eq(course)).fetch(ENROLLMENT.ROLE))
                .as("the person still counts as trained and may earn the certificate").containsExactly("trainee");
    }

    @Test
    void aRecordCannotBeMergedIntoItselfNorTwice() {
        String kept = id(create(world.organizer, "fullName", "Lý Văn Hải", "sex", "male"));
        String duplicate = id(create(world.organizer, "fullName", "Lý Văn Hải", "sex", "male"));
        String third = id(create(world.organizer, "fullName", "Lý Văn Hải", "sex", "male"));

        Api.Res itself = merge(kept, kept);
        assertThat(itself.status()).isEqualTo(409);
        assertThat(itself.json().get("code").asText()).isEqualTo("same_record");
        assertThat(merge(kept, duplicate).status()).isEqualTo(200);
        Api.Res again = merge(kept, duplicate);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("merged");
        assertThat(again.json().get("detail").asText()).as("names the record to use instead").contains(kept);
        assertThat(merge(duplicate, third).status()).as("into a merged record").isEqualTo(409);
        Api.Res edit = world.organizer.inLanguage("vi").patch("/api/v1/participants/" + duplicate,
                body("position", "x"));
        assertThat(edit.status()).as("a merged record is read-only").isEqualTo(409);
        assertThat(edit.json().get("code").asText()).isEqualTo("merged");
        assertThat(edit.json().get("detail").asText()).contains("đã được gộp vào hồ sơ " + kept);
        assertThat(merge(kept, UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(world.organizer.post("/api/v1/participants/" + kept + "/merge", body()).status()).isEqualTo(400);
    }

    @Test
    void aDistrictUserCannotMergeSomeoneOutsideTheirDistrict() {
        String inA = id(create(world.organizer, "fullName", "Bàn Văn Lợi", "sex", "male", "unitCode", world.communeA1));
        String inB = id(create(world.organizer, "fullName", "Bàn Văn Lợi", "sex", "male", "unitCode", world.communeB1));
        assertThat(world.districtOrganizer.post("/api/v1/participants/" + inA + "/merge", body("duplicateId", inB))
                .status()).isEqualTo(404);
        assertThat(world.districtOrganizer.get("/api/v1/participants/" + inB + "/duplicates").status()).isEqualTo(404);
        assertThat(world.organizer.get("/api/v1/participants/" + inB).json().get("mergedInto").isNull()).isTrue();
    }

    private Api.Res merge(String kept, String duplicate) {
        return world.organizer.post("/api/v1/participants/" + kept + "/merge", body("duplicateId", duplicate));
    }

    /** Courses and enrollments are another feature's: inserted directly. */
    private UUID course(String code) {
        return db.insertInto(COURSE)
                .set(COURSE.PROVINCE_CODE, world.province)
                .set(COURSE.CODE, code)
                .set(COURSE.TITLE, "Tập huấn " + code)
                .set(COURSE.KIND, "training")
                .set(COURSE.LEVEL, "commune")
                .set(COURSE.UNIT_CODE, world.communeA1)
                .set(COURSE.START_DATE, LocalDate.of(2025, 11, 15))
                .set(COURSE.END_DATE, LocalDate.of(2025, 11, 16))
                .returning(COURSE.ID).fetchSingle().getId();
    }

    private UUID enroll(UUID course, JsonNode participant, String status) {
        return db.insertInto(ENROLLMENT)
                .set(ENROLLMENT.PROVINCE_CODE, world.province)
                .set(ENROLLMENT.COURSE_ID, course)
                .set(ENROLLMENT.PARTICIPANT_ID, UUID.fromString(id(participant)))
                .set(ENROLLMENT.STATUS, status)
                .returning(ENROLLMENT.ID).fetchSingle().getId();
    }

    @Test
    void aMergeRefusesEditsFromCopiesOfEitherRecordReadBeforeIt() {
        JsonNode kept = create(world.organizer, "fullName", "Lò Thị Mai", "sex", "female", "birthYear", 1990,
                "unitCode", world.communeA1);
        JsonNode duplicate = create(world.organizer, "fullName", "Lò Thị Mai", "sex", "female", "birthYear", 1990,
                "unitCode", world.communeA1, "phone", "0977123124");
        String keptPath = "/api/v1/participants/" + id(kept);
        String duplicatePath = "/api/v1/participants/" + id(duplicate);
        String keptSeen = IfMatch.etag(IfMatch.read(world.organizer, keptPath));
        String duplicateSeen = IfMatch.etag(IfMatch.read(world.organizer, duplicatePath));

        Api.Res merged = world.organizer.post(keptPath + "/merge", body("duplicateId", id(duplicate)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        Api.Res stale = IfMatch.patch(world.organizer, keptPath, keptSeen, body("phone", null));
        assertThat(stale.status()).as("the copy read before the merge has no phone: " + stale.body()).isEqualTo(412);
        assertThat(world.organizer.get(keptPath).json().get("phone").asText()).isEqualTo("+84977123124");
        assertThat(IfMatch.patch(world.organizer, duplicatePath, duplicateSeen, body("position", "Cán bộ")).status())
                .as("the merged record changes no more").isIn(409, 412);
    }
}
