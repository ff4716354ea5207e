package vn.bdg.registry.organization;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.World;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationIT {
    private final World world = World.create();

    @Test
    void organizersCreateOrganisationsThatOnlyTheirProvinceSees() {
        var created = world.organizer.post("/api/v1/organizations",
                Map.of("name", "Hội Liên hiệp Phụ nữ tỉnh", "shortName", "Hội LHPN", "unitCode", world.province));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        assertThat(world.reporter.get("/api/v1/organizations").ids()).contains(id);
        World other = World.create();
        assertThat(other.admin.get("/api/v1/organizations").ids()).doesNotContain(id);
    }

    @Test
    void namesAreStoredInNfcAndMustBeUniquePerProvince() {
        String nfd = java.text.Normalizer.normalize("Sở Nội vụ", java.text.Normalizer.Form.NFD);
        JsonNode created = world.admin.post("/api/v1/organizations", Map.of("name", "  " + nfd + "  ")).json();
        assertThat(created.get("name").asText()).isEqualTo("Sở Nội vụ");
        var again = world.organizer.post("/api/v1/organizations", Map.of("name", "Sở Nội vụ"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(World.create().organizer.post("/api/v1/organizations", Map.of("name", "Sở Nội vụ")).status())
                .as("another province may use the same name").isEqualTo(201);
    }

    @Test
    void aNameSpelledAnotherWayIsTheSameOrganisation() {
        String first = world.organizer.post("/api/v1/organizations", Map.of("name", "Hội Phụ nữ xã Hòa An"))
                .json().get("id").asText();
        // the tone mark on the other vowel (the newer spelling), other letter case and spacing
        var again = world.organizer.inLanguage("vi").post("/api/v1/organizations",
                Map.of("name", "Hội phụ nữ  xã Hoà An"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("organization_exists");
        assertThat(again.json().get("detail").asText()).as("names the one to use").contains("Hội Phụ nữ xã Hòa An");
        assertThat(world.organizer.inLanguage("en").post("/api/v1/organizations",
                Map.of("name", "HỘI PHỤ NỮ XÃ HOÀ AN")).json().get("detail").asText()).contains("Hòa An");
        assertThat(world.organizer.get("/api/v1/organizations?limit=100").ids()).containsOnlyOnce(first);

        assertThat(world.organizer.post("/api/v1/organizations", Map.of("name", "Hội Phụ nữ xã Hoa An")).status())
                .as("another tone is another name").isEqualTo(201);
    }

    @Test
    void theListIsInVietnameseOrderAcrossPages() {
        World fresh = World.create();
        List<String> names = List.of("Ủy ban MTTQ tỉnh", "Đoàn Thanh niên tỉnh", "Hội Nông dân tỉnh",
                "Công đoàn Viên chức tỉnh", "Ban Dân vận Tỉnh ủy", "Sở Y tế", "Dân tộc thiểu số (Ban)");
        names.forEach(n -> assertThat(fresh.admin.post("/api/v1/organizations", Map.of("name", n)).status())
                .isEqualTo(201));
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = fresh.admin.get("/api/v1/organizations?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(o -> listed.add(o.get("name").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        // Đ after D, not after Z as in code-point order; Ủ among the U's
        assertThat(listed).filteredOn(names::contains).containsExactly("Ban Dân vận Tỉnh ủy",
                "Công đoàn Viên chức tỉnh", "Dân tộc thiểu số (Ban)", "Đoàn Thanh niên tỉnh", "Hội Nông dân tỉnh",
                "Sở Y tế", "Ủy ban MTTQ tỉnh");
    }

    @Test
    void theSameNameSentSeveralTimesAtOnceCreatesOneAndAnswersTheOthers409() throws Exception {
        // a double click: the requests race past the name check, the unique key decides
        for (int round = 0; round < 3; round++) {
            String name = "Hội Cựu chiến binh " + round;
            List<CompletableFuture<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(CompletableFuture.supplyAsync(
                        () -> world.organizer.post("/api/v1/organizations", Map.of("name", name)).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> s : sent) {
                statuses.add(s.get());
            }
            assertThat(statuses).as(name).containsOnly(201, 409).containsOnlyOnce(201);
        }
    }

    @Test
    void unitsOutsideTheProvinceAreRefusedAndReportersCannotWrite() {
        World other = World.create();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Ban VSTBPN huyện", "unitCode", other.districtA));
        var refused = world.organizer.post("/api/v1/organizations", body);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("unitCode");
        assertThat(world.reporter.post("/api/v1/organizations", Map.of("name", "X")).status()).isEqualTo(403);
    }

    @Test
    void everyWriteIsInTheAuditLog() {
        String id = world.organizer.post("/api/v1/organizations", Map.of("name", "Sở Tư pháp")).json()
                .get("id").asText();
        JsonNode entries = world.admin.get("/api/v1/audit-log?entity=organization&entityId=" + id).json()
                .get("items");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("create");
        assertThat(entries.get(0).get("after").get("name").asText()).isEqualTo("Sở Tư pháp");
        assertThat(World.create().admin.get("/api/v1/audit-log?entityId=" + id).json().get("items"))
                .as("another province's admin sees none of it").isEmpty();
    }
}
