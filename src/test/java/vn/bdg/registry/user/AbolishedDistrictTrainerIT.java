package vn.bdg.registry.user;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.auth.Role;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;
import vn.bdg.registry.unit.AdminUnit;
import vn.bdg.registry.unit.UnitRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The 2025 change-over: a trainer of an abolished district moves to the commune that took over. */
class AbolishedDistrictTrainerIT {
    private final World world = World.create();

    @Test
    void aTrainerOfAnAbolishedDistrictMovesToTheNewCommuneKeepingTheCoursesTheyTaught() {
        // district A ended on 30 June 2025; its communes merged into a new commune of the province
        String merged = world.province + "9";
        new UnitRepository(TestServer.get().database.dsl()).upsertAll(List.of(
                new AdminUnit(merged, "Xã Hợp Nhất", "commune", world.province, LocalDate.of(2025, 7, 1), null, null),
                new AdminUnit(world.districtA, "Huyện Ba Bể", "district", world.province, null,
                        LocalDate.of(2025, 6, 30), null),
                new AdminUnit(world.communeA1, "Xã Nam Mẫu", "commune", world.districtA, null,
                        LocalDate.of(2025, 6, 30), merged)));
        Api trainer = world.newUser("abolished-trainer", Role.trainer, world.districtA);
        String trainerId = trainer.get("/api/v1/me").json().get("id").asText();
        LocalDate day = LocalDate.of(2024, 10, 1);
        UUID taught = Fixtures.course(world, world.communeA1, "completed", day, day);
        Fixtures.assignTrainer(world, taught, trainer);

        Api.Res moved = world.admin.patch("/api/v1/users/" + trainerId, Map.of("unitCode", merged));
        assertThat(moved.status()).as("a course already completed needs no scanning: " + moved.body())
                .isEqualTo(200);
        assertThat(world.admin.get("/api/v1/courses/" + taught + "/trainers").json().get("items"))
                .as("who taught it stays on record").hasSize(1);

        // a course still to be held does keep its trainer in reach
        Api other = world.newUser("abolished-trainer-2", Role.trainer, world.districtA);
        UUID ahead = Fixtures.course(world, world.communeA2, "open", day, day);
        Fixtures.assignTrainer(world, ahead, other);
        Api.Res refused = world.admin.patch("/api/v1/users/" + other.get("/api/v1/me").json().get("id").asText(),
                Map.of("unitCode", merged));
        assertThat(refused.status()).isEqualTo(422);
    }
}
