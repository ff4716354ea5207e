package vn.bdg.registry.report;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records behind a cell: "a value no row of the report can have ... answers 400 not_allowed,
 * listing the values it can have", not an empty page. The report has a row per organisation of the
 * province; an id that is none of them (a link from another province's report, a copy cut short and
 * retyped) names no cell, as an unknown topic or unit does.
 */
class OrganizerCellIT {
    private final World world = World.create();

    @Test
    void anOrganizerIdNoRowOfTheReportHasIsNotAllowedNotAnEmptyPage() {
        UUID union = Reports.organization(world, "Hội Liên hiệp Phụ nữ tỉnh");
        Reports.oneWomanTrained(world, world.communeA1, LocalDate.of(2025, 3, 4), "Hoàng Thị Lan");
        String records = "/api/v1/reports/indicators/attendances/records?period=2025&by=organizer&organizerId=";

        Api.Res known = world.reporter.get(records + union);
        assertThat(known.status()).as(known.body()).isEqualTo(200);

        Api.Res unknown = world.reporter.get(records + UUID.randomUUID());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("organizerId");
        assertThat(unknown.json().get("errors").get(0).get("code").asText()).isEqualTo("not_allowed");
        assertThat(unknown.json().get("errors").get(0).get("message").asText()).contains(union.toString());

        Api.Res upperCase = world.reporter.get(records + union.toString().toUpperCase());
        assertThat(upperCase.status()).as("the same id in capitals: " + upperCase.body()).isEqualTo(200);
    }
}
