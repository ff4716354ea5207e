package vn.bdg.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who submitted a report is named the same way in every answer about the submission: by their
 * full name (in Vietnamese, as the list and the submission's page show it), not by their login
 * in the answer to the submit and by their name afterwards.
 */
class SubmissionSubmitterNameIT {
    private final World world = World.create();

    @Test
    void theAnswerToASubmitNamesTheSubmitterAsTheSubmissionDoesAfterwards() {
        Api.Res submitted = world.reporter.post("/api/v1/reports/submissions", Map.of("period", "2026-H1"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode read = world.reporter.get("/api/v1/reports/submissions/" + submitted.json().get("id").asText()).json();
        JsonNode listed = world.reporter.get("/api/v1/reports/submissions").json().get("items").get(0);

        assertThat(read.get("submittedByName").asText()).isEqualTo("Người dùng reporter");
        assertThat(listed.get("submittedByName").asText()).isEqualTo("Người dùng reporter");
        assertThat(submitted.json().get("submittedByName").asText()).isEqualTo("Người dùng reporter");
    }
}
