package vn.bdg.registry.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BodiesTest {
    record Item(UUID id, OffsetDateTime at, List<String> tags) {
    }

    record Batch(List<Item> items) {
    }

    private static ObjectNode batch(int size) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < size; i++) {
            items.addObject().put("id", UUID.randomUUID().toString()).put("at", "2025-11-20T08:00:00+07:00")
                    .putArray("tags").add("a");
        }
        return body;
    }

    private static List<String> errors(ObjectNode body) {
        ApiException e = catchThrowableOfType(() -> Bodies.convert(body, Batch.class), ApiException.class);
        assertThat(e.status()).isEqualTo(400);
        return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
    }

    @Test
    void everyBadFieldOfABodyIsNamedOnce() {
        ObjectNode body = batch(3);
        ((ObjectNode) body.get("items").get(0)).put("id", "not-a-uuid");
        ((ObjectNode) body.get("items").get(2)).put("at", "hôm qua").put("colour", "red");
        ((ArrayNode) body.get("items").get(1).get("tags")).add(Json.MAPPER.createObjectNode());

        assertThat(errors(body)).containsExactlyInAnyOrder("items[0].id:not_a_uuid", "items[1].tags[1]:wrong_type",
                "items[2].at:invalid_date_time", "items[2].colour:unknown_field");
    }

    @Test
    void aGoodBodyIsReadAsItWas() {
        ObjectNode body = batch(2);
        Batch read = Bodies.convert(body, Batch.class);
        assertThat(read.items()).hasSize(2);
        assertThat(read.items().get(1).id().toString()).isEqualTo(body.get("items").get(1).get("id").asText());
    }

    @Test
    void aVeryLargeBodyIsNotReadAgainAndAgain() {
        // 40,000 items are about 200,000 JSON values: reading them again for a second error is over budget
        ObjectNode body = batch(40_000);
        ((ObjectNode) body.get("items").get(39_997)).put("id", "x");
        ((ObjectNode) body.get("items").get(39_999)).put("id", "y");

        assertThat(errors(body)).containsExactly("items[39997].id:not_a_uuid");
    }

    enum Shade { light, dark }

    record Painted(Shade shade, Integer coats, Boolean dry) {
    }

    @Test
    void aValueOfTheWrongKindSaysWhatItMustBe() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("shade", "blue").put("coats", "two").put("dry", "yes");
        ApiException e = catchThrowableOfType(() -> Bodies.convert(body, Painted.class), ApiException.class);
        assertThat(e.errors()).extracting(f -> f.field() + ":" + f.code())
                .containsExactlyInAnyOrder("shade:not_allowed", "coats:not_an_integer", "dry:not_a_boolean");
        assertThat(e.errors().stream().filter(f -> f.field().equals("shade")).findFirst().orElseThrow().args())
                .as("the values allowed").containsExactly("light, dark");
    }
}
