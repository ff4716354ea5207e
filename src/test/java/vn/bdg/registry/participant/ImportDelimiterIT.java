package vn.bdg.registry.participant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV saved by Excel set to Vietnamese separates fields with ";", and leaves a heading with a
 * comma unquoted: "Cơ quan, đơn vị" is one of the documented headings.
 */
class ImportDelimiterIT {
    private final World world = World.create();

    @Test
    void aSemicolonFileWithACommaInAHeadingIsReadBySemicolons() {
        byte[] file = ("\uFEFFHọ và tên;Giới tính;Năm sinh;Cơ quan, đơn vị\r\n"
                + "Nguyễn Thị Lan;Nữ;1990;UBND xã Nam Mẫu, huyện Ba Bể\r\n").getBytes(StandardCharsets.UTF_8);
        Api.Res res = world.organizer.send("POST", "/api/v1/participants/import?dryRun=true", "text/csv; charset=utf-8",
                file);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode row = res.json().get("rows").get(0);
        assertThat(row.get("outcome").asText()).as(res.body()).isEqualTo("created");
        assertThat(row.get("fullName").asText()).isEqualTo("Nguyễn Thị Lan");
    }
}
