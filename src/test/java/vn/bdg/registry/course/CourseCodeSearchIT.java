package vn.bdg.registry.course;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * q= finds a course by its code as it finds it by its title: without diacritics and whatever the
 * keyboard sends (precomposed or combining marks). Codes carry Vietnamese abbreviations ("BĐG" for
 * bình đẳng giới): typed "bdg" or with combining marks, the code was not found.
 */
class CourseCodeSearchIT {
    private final World world = World.create();

    private List<String> codesFound(String q) {
        Api.Res res = world.organizer.get("/api/v1/courses?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("items").findValuesAsText("code");
    }

    @Test
    void aCodeWithVietnameseLettersIsFoundWithoutDiacriticsAndFromDecomposedText() {
        Api.Res created = world.organizer.post("/api/v1/courses", Fixtures.course(world.districtA,
                "code", "BĐG-Hội-2026-09", "title", "Lớp bồi dưỡng nghiệp vụ"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        assertThat(codesFound("BĐG-Hội")).containsExactly("BĐG-Hội-2026-09");
        assertThat(codesFound("bđg-hội")).containsExactly("BĐG-Hội-2026-09");
        assertThat(codesFound(Normalizer.normalize("bđg-hội", Normalizer.Form.NFD)))
                .as("typed with combining marks").containsExactly("BĐG-Hội-2026-09");
        assertThat(codesFound("bdg-hoi")).as("typed without diacritics").containsExactly("BĐG-Hội-2026-09");
        assertThat(codesFound("BDG")).containsExactly("BĐG-Hội-2026-09");
        assertThat(codesFound("2026-09")).containsExactly("BĐG-Hội-2026-09");
        assertThat(codesFound("bdg-hoi-2027")).isEmpty();
    }
}
