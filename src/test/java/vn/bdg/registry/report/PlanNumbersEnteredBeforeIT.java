package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.db.Tables.ANNUAL_PLAN;
import static vn.bdg.registry.report.PlanEntryIT.activity;
import static vn.bdg.registry.report.PlanEntryIT.plan;

/**
 * Plans entered before numbers were compared without case or spaces may share a number of one year
 * (58/KH-UBND and 58/kh-ubnd: the unique index is of the exact text). Each stays amendable with its
 * number as it is; the check applies to a number or year of issue that changes.
 */
class PlanNumbersEnteredBeforeIT {
    private final World world = World.create();

    @Test
    void aPlanStoredBeforeWithTheSameNumberInOtherLettersCanStillBeAmended() {
        Api.Res first = world.admin.post("/api/v1/plans", plan("58/KH-UBND", "2026-02-20", 2026, List.of(
                activity("gender_knowledge", "ge_officials", "province", 1, 80, null))));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Api.Res second = world.admin.post("/api/v1/plans", plan("59/KH-UBND", "2026-03-20", 2026, List.of(
                activity("gbv_prevention", "ge_officials", "province", 1, 30, null))));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        // as stored before this change (the unique index is on the exact text)
        TestServer.get().database.dsl().update(ANNUAL_PLAN).set(ANNUAL_PLAN.NUMBER, "58/kh-ubnd")
                .where(ANNUAL_PLAN.ID.eq(UUID.fromString(second.json().get("id").asText()))).execute();

        String path = "/api/v1/plans/" + first.json().get("id").asText();
        JsonNode plan = world.admin.get(path).json();
        List<Map<String, Object>> activities = PlanAmendmentIT.asSent(plan);
        activities.forEach(a -> a.put("plannedParticipants", 90)); // a figure corrected
        Api.Res amended = world.admin.put(path, plan("58/KH-UBND", "2026-02-20", 2026, activities));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
    }
}
