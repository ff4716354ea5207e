package vn.bdg.registry.report;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/**
 * A report of an old unit (one with a successor) asked with mapSuccessors=true: successors are
 * followed as far as the report's unit, so it counts its own records (mapped all the way, they
 * would count under the successor, outside the old unit, and its report would be zeros).
 */
class OldUnitReportIT {
    private final World world = World.create();

    @Test
    void aReportOfAnOldUnitWithSuccessorsMappedIsNotSilentlyZero() {
        String merged = world.districtB + "9";
        new UnitRepository(TestServer.get().database.dsl()).upsertAll(List.of(
                new AdminUnit(merged, "Xã Hợp Nhất", "commune", world.districtB, LocalDate.of(2025, 7, 1), null, null),
                new AdminUnit(world.communeA1, "Xã Nam Mẫu", "commune", world.districtA, null,
                        LocalDate.of(2025, 6, 30), merged)));
        LocalDate day = LocalDate.of(2024, 10, 1);
        Reports.oneWomanTrained(world, world.communeA1, day, "Đặng Thị Hường");

        String query = "period=2024&indicators=attendances,courses_held&unit=" + world.communeA1;
        // as recorded: the old commune's course and attendance
        assertThat(value(report(world.reporter, query), "attendances")).isEqualByComparingTo("1");
        assertThat(value(report(world.reporter, query), "courses_held")).isEqualByComparingTo("1");

        Api.Res mapped = world.reporter.get("/api/v1/reports/indicators?" + query + "&mapSuccessors=true");
        assertThat(mapped.status()).as(mapped.body()).isEqualTo(200);
        assertThat(value(mapped.json(), "attendances")).as("the old commune's own, mapped").isEqualByComparingTo("1");
        assertThat(value(mapped.json(), "courses_held")).isEqualByComparingTo("1");

        // the successor's report, mapped, counts the old commune's course and attendance
        String successor = "period=2024&indicators=attendances,courses_held&mapSuccessors=true&unit=" + merged;
        assertThat(value(report(world.reporter, successor), "attendances")).isEqualByComparingTo("1");
        assertThat(value(report(world.reporter, successor), "courses_held")).isEqualByComparingTo("1");
    }
}
