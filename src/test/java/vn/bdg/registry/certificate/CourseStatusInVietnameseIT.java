package vn.bdg.registry.certificate;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem that names a course's status says it in the language of the answer: in Vietnamese
 * "đang diễn ra", not the English code "running" in the middle of a Vietnamese sentence
 * ("Khóa học đang ở trạng thái running: chỉ cấp giấy chứng nhận khi khóa học đã kết thúc").
 * The English texts keep the status words.
 */
class CourseStatusInVietnameseIT {
    private final World world = World.create();

    @Test
    void theStatusOfACourseIsNamedInVietnameseInVietnameseProblems() {
        LocalDate today = LocalDate.now(Fixtures.VIETNAM);
        UUID running = Fixtures.course(world, world.districtA, "running", today, today);
        String issue = "/api/v1/courses/" + running + "/certificates";

        Api.Res vietnamese = world.organizer.inLanguage("vi").post(issue, Map.of());
        assertThat(vietnamese.status()).as(vietnamese.body()).isEqualTo(409);
        assertThat(vietnamese.json().get("code").asText()).isEqualTo("course_not_completed");
        assertThat(vietnamese.json().get("detail").asText()).contains("đang diễn ra").doesNotContain("running");

        Api.Res english = world.organizer.inLanguage("en").post(issue, Map.of());
        assertThat(english.json().get("detail").asText()).contains("running");

        UUID draft = Fixtures.course(world, world.districtA, "draft", today, today);
        Api.Res skip = world.organizer.inLanguage("vi").patch("/api/v1/courses/" + draft,
                Map.of("status", "completed"));
        assertThat(skip.status()).as(skip.body()).isEqualTo(409);
        assertThat(skip.json().get("code").asText()).isEqualTo("invalid_status_transition");
        assertThat(skip.json().get("detail").asText()).contains("nháp", "đã kết thúc")
                .doesNotContain("draft", "completed");
    }
}
