package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PageRequestTest {
    private static String cursor(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorReadsBackAsTheSortKeyItWasMadeFrom() {
        List<String> key = List.of("2026", "0b5e3c1e-8f4a-4d4e-9a57-2f0c8d7b9e11");
        assertThat(PageRequest.decode(PageRequest.encode(key))).isEqualTo(key);
    }

    @Test
    void aCursorWithANullPartIsInvalidLikeAnyOtherMadeByHand() {
        for (String json : List.of("[null,null]", "[\"2023\",null]", "[null]", "[]", "null", "{\"a\":1}",
                "[\"\\u0000\",\"x\"]", "[\"\\ud800\"]")) {
            ApiException e = catchThrowableOfType(() -> PageRequest.decode(cursor(json)), ApiException.class);
            assertThat(e).as(json).isNotNull();
            assertThat(e.errors()).as(json).extracting(FieldError::code).containsExactly("invalid_cursor");
        }
    }
}
