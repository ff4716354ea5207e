package vn.bdg.registry.auth;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person erased at their request is still a record of some province and district: named under a
 * session of the caller's own, one outside the caller's scope (or not on the course's list) is an
 * unknown participant, as any other id, never a 409 saying that the id is an erased record.
 */
class OutOfScopeErasedIT {
    private final World world = World.create();
    private final World other = World.create();

    @Test
    void anExcuseNamingAnErasedPersonOfAnotherDistrictOrProvinceSaysNothingOfTheErasure() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(3);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day.plusDays(5));
        UUID session = Fixtures.session(world, course, day, LocalTime.of(8, 0), LocalTime.of(11, 0));
        UUID inB = erased(world, world.communeB1);
        UUID abroad = erased(other, other.communeA1);
        UUID unknown = UUID.randomUUID();

        for (Api api : new Api[]{world.districtOrganizer, world.organizer}) {
            Api.Res never = api.put("/api/v1/sessions/" + session + "/excused/" + unknown, Map.of("reason", "Ốm"));
            for (UUID person : api == world.organizer ? new UUID[]{abroad} : new UUID[]{inB, abroad}) {
                Api.Res res = api.put("/api/v1/sessions/" + session + "/excused/" + person, Map.of("reason", "Ốm"));
                assertThat(res.status()).as(res.body()).isEqualTo(never.status());
                assertThat(res.json().get("code").asText()).isEqualTo(never.json().get("code").asText());
            }
        }
    }

    /** A person of the unit whose personal data was erased by their province's admin. */
    private static UUID erased(World w, String unit) {
        UUID person = Fixtures.participant(w, "Hoàng Thị Nga", "female", unit);
        Api.Res res = w.admin.post("/api/v1/participants/" + person + "/erasure",
                Map.of("reason", "Yêu cầu bằng văn bản ngày 01/12"));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return person;
    }
}
