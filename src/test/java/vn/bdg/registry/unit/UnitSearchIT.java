package vn.bdg.registry.unit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.World;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin-units?q=: a name without diacritics (đ as d, typed in NFD too) or a code prefix, as documented. */
class UnitSearchIT {
    private final World world = World.create();

    private JsonNode search(String q) {
        return world.organizer.get("/api/v1/admin-units?parent=" + world.districtA + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8)).json().get("items");
    }

    @Test
    void aCodePrefixFindsTheUnitsWhoseCodeStartsWithIt() {
        assertThat(search(world.communeA1)).extracting(u -> u.get("code").asText()).containsExactly(world.communeA1);
        assertThat(search(world.districtA)).extracting(u -> u.get("code").asText())
                .containsExactlyInAnyOrder(world.communeA1, world.communeA2);
    }

    @Test
    void aNameTypedInNfdOrWithoutMarksFindsTheUnit() {
        assertThat(search(Normalizer.normalize("Nam Mẫu", Normalizer.Form.NFD)))
                .extracting(u -> u.get("code").asText()).containsExactly(world.communeA1);
        assertThat(search("NAM MAU")).extracting(u -> u.get("code").asText()).containsExactly(world.communeA1);
    }
}
