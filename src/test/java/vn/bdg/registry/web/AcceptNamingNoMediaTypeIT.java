package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Accept header with an element that names no media type (";", as Content-Type ";" was) asks
 * for no file: the tables answer JSON, as without the header, not a 500.
 */
class AcceptNamingNoMediaTypeIT {
    private final World world = World.create();

    @Test
    void anAcceptOfOnlyASemicolonAnswersTheJsonTableNotAServerError() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        for (String accept : List.of(";", ",;", "application/json, ;", "; q=1")) {
            for (String path : List.of("/api/v1/reports/indicators?period=2026",
                    "/api/v1/reports/indicators/attendances/records?period=2026")) {
                Api.Res res = world.reporter.withHeader("Accept", accept).get(path);
                assertThat(res.status()).as(accept + " " + path + ": " + res.body()).isEqualTo(200);
                assertThat(res.contentType()).as(accept + " " + path).startsWith("application/json");
            }
            Api.Res sheet = world.organizer.withHeader("Accept", accept).get("/api/v1/courses/" + course + "/attendance");
            assertThat(sheet.status()).as(accept + " attendance: " + sheet.body()).isEqualTo(200);
            assertThat(sheet.contentType()).as(accept + " attendance").startsWith("application/json");
        }
        // a CSV asked for beside such an element is still a CSV
        Api.Res csv = world.reporter.withHeader("Accept", ";, text/csv").get("/api/v1/reports/indicators?period=2026");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
    }
}
