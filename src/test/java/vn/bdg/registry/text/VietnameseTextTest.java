package vn.bdg.registry.text;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseTextTest {
    @Test
    void initialsAreTheFirstLetterOfEachWordWithItsMarks() {
        assertThat(VietnameseText.initials("Nguyễn Thị Hoa")).isEqualTo("N. T. H.");
        assertThat(VietnameseText.initials("Đặng Ngọc Ánh")).isEqualTo("Đ. N. Á.");
        assertThat(VietnameseText.initials("đinh  thị   ưng")).isEqualTo("Đ. T. Ư.");
        assertThat(VietnameseText.initials("Hờ A Páo")).isEqualTo("H. A. P.");
    }

    @Test
    void initialsOfANameTypedInNfdAreThoseOfItsNfcForm() {
        String nfd = Normalizer.normalize("Ánh Ẩn Ỷ", Normalizer.Form.NFD);
        assertThat(VietnameseText.initials(nfd)).isEqualTo("Á. Ẩ. Ỷ.")
                .isEqualTo(Normalizer.normalize(VietnameseText.initials(nfd), Normalizer.Form.NFC));
    }

    @Test
    void aSingleNameHasOneInitialAndNoNameNone() {
        assertThat(VietnameseText.initials("Hoa")).isEqualTo("H.");
        assertThat(VietnameseText.initials(" ")).isEmpty();
        assertThat(VietnameseText.initials(null)).isEmpty();
    }
}
