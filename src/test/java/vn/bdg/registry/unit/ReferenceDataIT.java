package vn.bdg.registry.unit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceDataIT {
    private final World world = World.create();

    @Test
    void unitsFormAHierarchyAndSearchIgnoresDiacritics() {
        JsonNode communes = world.trainer.get("/api/v1/admin-units?parent=" + world.districtA).json();
        List<String> codes = new ArrayList<>();
        communes.get("items").forEach(u -> codes.add(u.get("code").asText()));
        assertThat(codes).containsExactly(world.communeA1, world.communeA2);

        JsonNode found = world.trainer.get("/api/v1/admin-units?q=nam%20mau&level=commune&parent=" + world.districtA).json().get("items");
        assertThat(found).extracting(u -> u.get("code").asText()).contains(world.communeA1);
        assertThat(world.trainer.get("/api/v1/admin-units/" + world.province).json().get("level").asText())
                .isEqualTo("province");
    }

    @Test
    void theSixtyThreeProvincesBefore2025AreSeededAndValidityFiltersByDate() {
        JsonNode bacKan = world.reporter.get("/api/v1/admin-units/06").json();
        assertThat(bacKan.get("name").asText()).isEqualTo("Tỉnh Bắc Kạn");
        assertThat(world.reporter.get("/api/v1/admin-units?level=province&q=ha%20tinh").json().get("items"))
                .extracting(u -> u.get("code").asText()).contains("42");
    }

    @Test
    void pagesWalkThroughAllUnitsWithoutRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = world.reporter.get("/api/v1/admin-units?level=province&limit=20"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(u -> seen.add(u.get("code").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().contains("01", "96", world.province);
    }

    @Test
    void catalogsServeTheFiftyFourEthnicGroupsAndTheCourseVocabulary() {
        JsonNode ethnicities = world.trainer.get("/api/v1/catalogs/ethnicities").json().get("items");
        assertThat(ethnicities).hasSize(54);
        assertThat(ethnicities.get(0).get("nameVi").asText()).isEqualTo("Kinh");
        assertThat(ethnicities.get(0).get("isMinority").asBoolean()).isFalse();
        assertThat(ethnicities.get(1).get("isMinority").asBoolean()).isTrue();
        assertThat(world.trainer.get("/api/v1/catalogs/course-kinds").json().get("items"))
                .extracting(k -> k.get("code").asText()).contains("training", "workshop", "policy_dialogue");
        assertThat(world.trainer.get("/api/v1/catalogs/target-groups").json().get("items"))
                .extracting(k -> k.get("code").asText()).contains("women_council_delegates", "commune_collaborators");
        assertThat(world.trainer.get("/api/v1/catalogs/colours").status()).isEqualTo(404);
    }
}
