package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import vn.bdg.registry.support.Api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the participant tests: request bodies, creation, and the "never the full national ID" check. */
final class Participants {
    private Participants() {
    }

    /** A JSON body from key/value pairs (values may be null). */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A consent signed on the registration form, covering sensitive data (ethnicity) or not. */
    static Map<String, Object> consent(boolean coversSensitiveData) {
        return body("givenAt", "2026-01-10T09:00:00+07:00", "method", "paper_form",
                "coversSensitiveData", coversSensitiveData);
    }

    static JsonNode create(Api api, Object... keysAndValues) {
        Api.Res res = api.post("/api/v1/participants", body(keysAndValues));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertNoNationalId(res);
        return res.json();
    }

    static String id(JsonNode participant) {
        return participant.get("id").asText();
    }

    static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** No run of 12 (CCCD) or 9 (CMND) digits anywhere but in ids, phones and times. */
    static void assertNoNationalId(Api.Res res) {
        String withoutIdsAndPhones = res.body()
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\"\\+84\\d+\"", "\"<phone>\"")
                // the audit log's keyed fingerprints are 12 random hex digits, a run of nine digits now and then
                .replaceAll("hmac:[0-9a-f]{12}", "hmac:<fingerprint>");
        assertThat(withoutIdsAndPhones).as(res.body()).doesNotContainPattern("\\d{9}");
    }
}
