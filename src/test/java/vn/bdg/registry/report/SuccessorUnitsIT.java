package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdg.registry.report.Reports.report;
import static vn.bdg.registry.report.Reports.value;

/** Records keep the unit they had; asked to, a report counts an old unit's records in its successor's row. */
class SuccessorUnitsIT {
    private final World world = World.create();

    /** Commune A1 merged on 1 July 2025 into a new commune of district B, whose code it answers. */
    private String communeA1MergedIntoANewCommuneOfDistrictB() {
        String merged = world.districtB + "9";
        new UnitRepository(TestServer.get().database.dsl()).upsertAll(List.of(
                new AdminUnit(merged, "Xã Hợp Nhất", "commune", world.districtB, LocalDate.of(2025, 7, 1), null, null),
                new AdminUnit(world.communeA1, "Xã Nam Mẫu", "commune", world.districtA, null,
                        LocalDate.of(2025, 6, 30), merged)));
        return merged;
    }

    /** Đặng Thị Hường of commune A1, present at a course the province held in October 2024. */
    private void aTraineeOfCommuneA1PresentIn2024() {
        LocalDate day = LocalDate.of(2024, 10, 1);
        UUID course = Fixtures.course(world, world.province, "completed", day, day);
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID person = Fixtures.participant(world, "Đặng Thị Hường", "female", world.communeA1);
        Fixtures.enroll(world, course, person);
        Reports.present(world, session, person, day);
    }

    @Test
    void anOldCommunesPeopleCountUnderItsSuccessorWhenAsked() {
        String merged = communeA1MergedIntoANewCommuneOfDistrictB();
        aTraineeOfCommuneA1PresentIn2024();

        JsonNode asRecorded = report(world.reporter, "period=2024&by=unit&indicators=attendances");
        assertThat(value(asRecorded, "attendances", "unitCode", world.districtA)).isEqualByComparingTo("1");
        assertThat(value(asRecorded, "attendances", "unitCode", world.districtB)).isEqualByComparingTo("0");

        JsonNode mapped = report(world.reporter, "period=2024&by=unit&indicators=attendances&mapSuccessors=true");
        assertThat(mapped.get("mapSuccessors").asBoolean()).isTrue();
        assertThat(value(mapped, "attendances", "unitCode", world.districtA)).isEqualByComparingTo("0");
        assertThat(value(mapped, "attendances", "unitCode", world.districtB)).isEqualByComparingTo("1");
        JsonNode drill = report(world.reporter, "period=2024&by=unit&indicators=attendances&mapSuccessors=true&unit="
                + world.districtB);
        assertThat(Reports.rowsOf(drill, "attendances")).extracting(r -> r.get("unitCode").asText())
                .containsExactly(world.districtB, world.communeB1, world.communeB2, merged);
        assertThat(value(drill, "attendances", "unitCode", merged)).isEqualByComparingTo("1");
        // a reporter of district B sees the same: the old commune's people count in its successor, in B
        Api districtB = world.newUser("reporter-b", Role.reporter, world.districtB);
        JsonNode scoped = report(districtB, "period=2024&by=unit&indicators=attendances&mapSuccessors=true");
        assertThat(value(scoped, "attendances", "unitCode", merged)).isEqualByComparingTo("1");
        assertThat(districtB.get("/api/v1/reports/indicators/attendances/records?period=2024&mapSuccessors=true")
                .json().get("items")).extracting(r -> r.get("fullName").asText()).containsExactly("Đặng Thị Hường");
        // and without the mapping, nothing of district A's
        assertThat(report(districtB, "period=2024&indicators=attendances").get("rows").get(0).get("value").asInt())
                .isZero();
        assertThat(districtB.get("/api/v1/reports/indicators/attendances/records?period=2024").json().get("items"))
                .isEmpty();

        JsonNode old = report(world.reporter, "period=2024&by=unit&indicators=attendances&unit=" + world.districtA);
        assertThat(Reports.rowsOf(old, "attendances")).extracting(r -> r.get("unitCode").asText())
                .containsExactly(world.districtA, world.communeA1, world.communeA2);
    }

    @Test
    void theCommunesOfADistrictMergedIntoAnotherCountInTheSuccessorsRowAndItsRecordsOpen() {
        // district A was merged into B; its communes stay on record under A, with no successor of their own
        new UnitRepository(TestServer.get().database.dsl()).upsertAll(List.of(
                new AdminUnit(world.districtA, "Huyện Ba Bể", "district", world.province, null,
                        LocalDate.of(2025, 6, 30), world.districtB)));
        aTraineeOfCommuneA1PresentIn2024();

        JsonNode mapped = report(world.reporter, "period=2024&by=unit&indicators=attendances&mapSuccessors=true");
        assertThat(Reports.rowsOf(mapped, "attendances"))
                .extracting(r -> r.get("unitCode").asText() + "=" + r.get("value").asText())
                .containsExactly(world.province + "=0", world.districtB + "=1");
        for (JsonNode row : Reports.rowsOf(mapped, "attendances")) {
            Api.Res records = world.reporter.get("/api/v1/reports/indicators/attendances/records?period=2024"
                    + "&mapSuccessors=true&unitCode=" + row.get("unitCode").asText());
            assertThat(records.status()).as(row + " -> " + records.body()).isEqualTo(200);
            assertThat(records.json().get("items")).as("every number opens its records").hasSize(row.get("value").asInt());
        }
        JsonNode drill = report(world.reporter, "period=2024&by=unit&indicators=attendances&mapSuccessors=true&unit="
                + world.districtB);
        assertThat(value(drill, "attendances", "unitCode", world.communeA1)).isEqualByComparingTo("1");
    }

    @Test
    void flagsOfAnOldCommuneMappedIntoTheCallersDistrictNameItsCourses() {
        String merged = communeA1MergedIntoANewCommuneOfDistrictB();
        LocalDate day = LocalDate.of(2024, 10, 1);
        UUID person = Fixtures.participant(world, "Vi Thị Hai Nơi", "female", world.communeA1);
        UUID morning = Fixtures.course(world, world.communeA1, "completed", day, day);
        UUID overlapping = Fixtures.course(world, world.communeA1, "completed", day, day);
        for (var c : List.of(morning, overlapping)) {
            LocalTime start = c == morning ? LocalTime.of(8, 0) : LocalTime.of(10, 0);
            UUID s = Fixtures.session(world, c, day, start, start.plusHours(3));
            Fixtures.enroll(world, c, person);
            Reports.present(world, s, person, day.atTime(start.plusMinutes(5)));
        }

        Api districtB = world.newUser("reporter-b", Role.reporter, world.districtB);
        Api.Res res = districtB.get("/api/v1/reports/flags?period=2024&mapSuccessors=true");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode flag = res.json().get("items").get(0);
        assertThat(flag.get("kind").asText()).isEqualTo("two_places_at_once");
        assertThat(flag.get("courses")).as("the report counts them, so it names them").hasSize(2);
    }
}
