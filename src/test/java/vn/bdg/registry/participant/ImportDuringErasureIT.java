package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.AtOnce;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.AUDIT_LOG;
import static vn.bdg.registry.db.Tables.PARTICIPANT;
import static vn.bdg.registry.participant.Participants.body;
import static vn.bdg.registry.participant.Participants.create;
import static vn.bdg.registry.participant.Participants.id;

/**
 * A list imported at the moment a person on it is erased (or merged away). Sequentially, a row of a
 * person whose record was erased matches nothing and makes a new record, and a row imported before
 * the erasure is erased with it. At once, the row must not end up "matched" to a record that is
 * erased or merged by the time the import is applied: the row's person would be nowhere (their
 * record gone, nobody created), and its consent written on a record that holds nobody.
 */
class ImportDuringErasureIT {
    private static final String CSV = "text/csv; charset=utf-8";
    private final World world = World.create();

    private static byte[] csv(String... lines) {
        return ("\uFEFF" + String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String phone(int round) {
        return String.format("0977%06d", 100000 + round);
    }

    private Api.Res erase(String id) {
        return world.admin.post("/api/v1/participants/" + id + "/erasure",
                body("reason", "Yêu cầu bằng văn bản gửi Sở ngày 4/2/2026"));
    }

    private Api.Res importList(byte[] file) {
        return world.organizer.send("POST", "/api/v1/participants/import?dryRun=false", CSV, file);
    }

    private static UUID flaggedAs(String id) {
        return TestServer.get().database.dsl().select(PARTICIPANT.DUPLICATE_OF).from(PARTICIPANT)
                .where(PARTICIPANT.ID.eq(UUID.fromString(id))).fetchOne(PARTICIPANT.DUPLICATE_OF);
    }

    @Test
    void aRowIsNeverMatchedToARecordErasedBeforeTheImportIsApplied() throws Exception {
        for (int round = 0; round < 30; round++) {
            String known = id(create(world.organizer, "fullName", "Vàng Thị Say", "sex", "female",
                    "phone", phone(round)));
            byte[] file = csv("Họ và tên,Giới tính,Điện thoại,Hình thức đồng ý,Ngày đồng ý,Đồng ý dữ liệu nhạy cảm",
                    "Vàng Thị Say,Nữ," + phone(round) + ",Phiếu,12/01/2026,Có");
            int delay = round % 6;
            List<Api.Res> answers = AtOnce.staggered(() -> erase(known), delay, () -> importList(file));
            Api.Res erased = answers.get(0);
            Api.Res imported = answers.get(1);
            String at = "round " + round + ": erasure " + erased.status() + ", import " + imported.status() + " "
                    + imported.body();
            assertThat(erased.status()).as(at).isEqualTo(200);
            assertThat(imported.status()).as(at).isIn(200, 409);
            if (imported.status() == 200) {
                JsonNode row = imported.json().get("rows").get(0);
                UUID holder = UUID.fromString(row.get("participantId").asText());
                var record = TestServer.get().database.dsl().selectFrom(PARTICIPANT)
                        .where(PARTICIPANT.ID.eq(holder)).fetchOne();
                if (record.getErasedAt() != null) {
                    // only as the import came first: its write on the record (the consent recorded) was
                    // then erased after it, never made on the erased record
                    List<String> actions = TestServer.get().database.dsl().select(AUDIT_LOG.ACTION).from(AUDIT_LOG)
                            .where(AUDIT_LOG.ENTITY.eq("participant").and(AUDIT_LOG.ENTITY_ID.eq(holder.toString())))
                            .orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION);
                    assertThat(actions).as(at + ": the row's record " + holder + " (" + row.get("outcome")
                            + ") is erased; its entries").endsWith("update", "erase");
                }
            }
        }
    }

    @Test
    void aRowIsNeverMatchedToARecordMergedAwayBeforeTheImportIsApplied() throws Exception {
        for (int round = 0; round < 30; round++) {
            String phone = String.format("0966%06d", 100000 + round);
            String kept = id(create(world.organizer, "fullName", "Sùng Thị Dợ", "sex", "female"));
            String duplicate = id(create(world.organizer, "fullName", "Sùng Thị Dợ", "sex", "female",
                    "phone", phone));
            byte[] file = csv("Họ và tên,Giới tính,Điện thoại,Hình thức đồng ý,Ngày đồng ý,Đồng ý dữ liệu nhạy cảm",
                    "Sùng Thị Dợ,Nữ," + phone + ",Phiếu,12/01/2026,Có");
            int delay = round % 6;
            List<Api.Res> answers = AtOnce.staggered(() -> world.organizer.post("/api/v1/participants/" + kept + "/merge",
                    body("duplicateId", duplicate)), delay, () -> importList(file));
            Api.Res merged = answers.get(0);
            Api.Res imported = answers.get(1);
            String at = "round " + round + ": merge " + merged.status() + ", import " + imported.status() + " "
                    + imported.body();
            assertThat(merged.status()).as(at).isEqualTo(200);
            assertThat(imported.status()).as(at).isEqualTo(200);
            UUID holder = UUID.fromString(imported.json().get("rows").get(0).get("participantId").asText());
            if (holder.toString().equals(duplicate)) {
                // only as the import came first: the consent it recorded was then merged with the record
                List<String> actions = TestServer.get().database.dsl().select(AUDIT_LOG.ACTION).from(AUDIT_LOG)
                        .where(AUDIT_LOG.ENTITY.eq("participant").and(AUDIT_LOG.ENTITY_ID.eq(duplicate)))
                        .orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION);
                assertThat(actions).as(at + ": the row's record is the merged one; its entries")
                        .endsWith("update", "merge");
            }
        }
    }

    @Test
    void aPersonRegisteredWhileTheirNamesakeIsErasedIsNeverFlaggedAsADuplicateOfTheErasedRecord() throws Exception {
        for (int round = 0; round < 30; round++) {
            String phone = String.format("0955%06d", 100000 + round);
            String known = id(create(world.organizer, "fullName", "Lò Thị Ánh", "sex", "female", "phone", phone));
            int delay = round % 6;
            List<Api.Res> answers = AtOnce.staggered(() -> erase(known), delay, () -> world.organizer.post(
                    "/api/v1/participants", body("fullName", "Lò Thị Ánh", "sex", "female", "phone", phone)));
            Api.Res erased = answers.get(0);
            Api.Res created = answers.get(1);
            String at = "round " + round + ": erasure " + erased.status() + ", create " + created.status() + " "
                    + created.body();
            assertThat(erased.status()).as(at).isEqualTo(200);
            assertThat(created.status()).as(at).isEqualTo(201);
            // an erasure clears the flags naming the erased record: none may name it after it
            assertThat(flaggedAs(id(created.json()))).as(at).isNull();
        }
    }

    @Test
    void aPersonCorrectedWhileTheirNamesakeIsErasedIsNeverFlaggedAsADuplicateOfTheErasedRecord() throws Exception {
        for (int round = 0; round < 30; round++) {
            String phone = String.format("0944%06d", 100000 + round);
            String known = id(create(world.organizer, "fullName", "Lò Thị Ánh", "sex", "female", "phone", phone));
            // the same name without a phone is no match yet: the correction adding the phone makes one
            JsonNode other = create(world.organizer, "fullName", "Lò Thị Ánh", "sex", "female");
            String corrected = id(other);
            assertThat(other.get("duplicateOf").isNull()).as(other.toString()).isTrue();
            int delay = round % 6;
            List<Api.Res> answers = AtOnce.staggered(() -> erase(known), delay,
                    () -> world.organizer.patch("/api/v1/participants/" + corrected, body("phone", phone)));
            String at = "round " + round + ": erasure " + answers.get(0).status() + ", correction "
                    + answers.get(1).status() + " " + answers.get(1).body();
            assertThat(answers.get(0).status()).as(at).isEqualTo(200);
            assertThat(answers.get(1).status()).as(at).isEqualTo(200);
            assertThat(flaggedAs(corrected)).as(at).isNull();
        }
    }
}
