package vn.bdg.registry.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How the records route picks JSON or a file, and what a client's mistakes answer. */
class RecordFilesNegotiationIT {
    private static final LocalDate APRIL = LocalDate.of(2026, 4, 21);
    private static World world;

    @BeforeAll
    static void oneCourse() {
        world = World.create();
        UUID course = Fixtures.course(world, world.districtA, "completed", APRIL, APRIL);
        UUID session = Fixtures.session(world, course, APRIL, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID ngoc = Fixtures.participant(world, "Hoàng Thị Ngọc", "female", world.communeA1);
        Fixtures.enroll(world, course, ngoc);
        Reports.present(world, session, ngoc, APRIL);
    }

    private static final String RECORDS = "/api/v1/reports/indicators/attendances/records?period=2026";

    @Test
    void aClientThatRefusesCsvWithQZeroGetsJsonAndOneAskingInCapitalsGetsCsv() {
        // RFC 9110 §12.4.2: "q=0" means "not acceptable"
        Api.Res res = world.reporter.withHeader("Accept", "application/json, text/csv;q=0").get(RECORDS);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.contentType()).as(res.body()).startsWith("application/json");
        // media types are case-insensitive (RFC 9110 §8.3.1)
        assertThat(world.reporter.withHeader("Accept", "TEXT/CSV").get(RECORDS).contentType()).startsWith("text/csv");
    }

    @Test
    void clientMistakesAreFourHundredsNotFiveHundreds() {
        for (String query : List.of("&format=CSV", "&format=pdf", "&format=csv&format=xlsx",
                "&format=csv&limit=abc&cursor=%25%25%25", "&format=xlsx&limit=0", "&format=csv&sex=nobody",
                "&format=csv&organizerId=x", "&format=xlsx&sex=null&unitCode=null&ageBand=null&ethnicMinority=null")) {
            Api.Res res = world.reporter.get(RECORDS + query);
            assertThat(res.status()).as(query + " " + res.body()).isLessThan(500);
        }
        for (String query : List.of("?format=CSV", "?format=", "?format=csv&format=csv")) {
            Api.Res res = world.organizer.get("/api/v1/courses/" + UUID.randomUUID() + "/attendance" + query);
            assertThat(res.status()).as(query + " " + res.body()).isLessThan(500);
        }
    }
}
