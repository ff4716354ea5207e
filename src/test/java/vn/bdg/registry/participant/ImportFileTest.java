package vn.bdg.registry.participant;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The row limit of an import counts the people under the header, whatever stands above it. */
class ImportFileTest {
    @Test
    void aFullListUnderATitleIsReadAndOneMoreRowIsTooMany() {
        for (String above : List.of("DANH SÁCH HỌC VIÊN,,\nLớp tập huấn năm 2026,,\n", "")) {
            assertThat(ImportFile.read(ImportFile.CSV, csv(above, ImportFile.MAX_ROWS)))
                    .as(above).hasSize(ImportFile.MAX_ROWS);
            assertThatThrownBy(() -> ImportFile.read(ImportFile.CSV, csv(above, ImportFile.MAX_ROWS + 1)))
                    .as(above).isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.errors().get(0).code()).isEqualTo("too_many_rows"));
        }
    }

    @Test
    void aFullListWithSexTickedUnderNamAndNuIsRead() {
        StringBuilder text = new StringBuilder("Họ và tên,Giới tính,\n,Nam,Nữ\n");
        for (int i = 0; i < ImportFile.MAX_ROWS; i++) {
            text.append("Lò Thị Én ").append(i).append(",,x\n");
        }
        assertThat(ImportFile.read(ImportFile.CSV, text.toString().getBytes(StandardCharsets.UTF_8)))
                .hasSize(ImportFile.MAX_ROWS);
    }

    private static byte[] csv(String above, int rows) {
        StringBuilder text = new StringBuilder(above).append("Họ và tên,Giới tính,Năm sinh\n");
        for (int i = 0; i < rows; i++) {
            text.append("Lò Thị Én ").append(i).append(",Nữ,1990\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
