package vn.bdg.registry.text;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.List;

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

    @Test
    void spacesPastedFromWordOrZaloAreOrdinarySpacesAndInvisibleCharactersGo() {
        // no-break spaces (Word, web pages), narrow and ideographic spaces, zero-width space and joiners,
        // the byte-order mark and soft hyphen (Zalo, Excel): all invisible, all break duplicate matching
        assertThat(VietnameseText.clean("Nguyễn\u00A0Thị\u2009Hoa")).isEqualTo("Nguyễn Thị Hoa");
        assertThat(VietnameseText.clean("\u00A0Nguyễn\u00A0\u00A0Thị Hoa\u202F")).isEqualTo("Nguyễn Thị Hoa");
        assertThat(VietnameseText.clean("\uFEFFNguyễn Th\u200Bị Ho\u200Ca\u200D\u2060\u00AD")).isEqualTo("Nguyễn Thị Hoa");
        assertThat(VietnameseText.clean("Nguyễn\u3000Thị\u2028Hoa")).isEqualTo("Nguyễn Thị Hoa");
        assertThat(VietnameseText.clean("\u00A0\u200B\uFEFF")).isNull();
    }

    @Test
    void aReasonOfSeveralLinesKeepsItsLinesEachCleanedLikeAName() {
        String nfd = java.text.Normalizer.normalize("Ốm nặng", java.text.Normalizer.Form.NFD);
        assertThat(VietnameseText.cleanLines(nfd + "\u00A0\r\n\r\n  có giấy\u200B  xác nhận \n"))
                .isEqualTo("Ốm nặng\ncó giấy xác nhận");
        assertThat(VietnameseText.cleanLines("Cấp nhầm người")).isEqualTo("Cấp nhầm người");
        assertThat(VietnameseText.cleanLines(" \n\u00A0\r\n")).isNull();
        assertThat(VietnameseText.cleanLines(null)).isNull();
    }

    @Test
    void aZeroWidthCharacterBetweenALetterAndItsMarkDoesNotKeepThemApart() {
        String nfdWithJoiner = "Nguy\u0065\u200B\u0302\u0303n"; // e, zero-width space, circumflex, tilde
        assertThat(VietnameseText.clean(nfdWithJoiner)).isEqualTo("Nguyễn");
    }

    @Test
    void spellingsThatDifferOnlyInWhereTheToneSitsHaveOneKey() {
        assertThat(VietnameseText.spellingKey("Hòa An")).isEqualTo(VietnameseText.spellingKey("Hoà An"));
        assertThat(VietnameseText.spellingKey("Thủy")).isEqualTo(VietnameseText.spellingKey("thuỷ"));
        assertThat(VietnameseText.spellingKey("Khỏe")).isEqualTo(VietnameseText.spellingKey("KHOẺ"));
        assertThat(VietnameseText.spellingKey("Hội  Phụ nữ"))
                .isEqualTo(VietnameseText.spellingKey(Normalizer.normalize("hội phụ nữ", Normalizer.Form.NFD)));
    }

    @Test
    void anotherToneOrAnotherVowelIsAnotherName() {
        assertThat(VietnameseText.spellingKey("Hòa")).isNotEqualTo(VietnameseText.spellingKey("Hoa"))
                .isNotEqualTo(VietnameseText.spellingKey("Hóa"));
        assertThat(VietnameseText.spellingKey("Hồ")).isNotEqualTo(VietnameseText.spellingKey("Hổ"))
                .isNotEqualTo(VietnameseText.spellingKey("Hò"));
        assertThat(VietnameseText.spellingKey("Đào")).isNotEqualTo(VietnameseText.spellingKey("Dào"));
        assertThat(VietnameseText.spellingKey("Thư")).isNotEqualTo(VietnameseText.spellingKey("Thu"));
    }

    @Test
    void peopleAreListedByGivenNameInVietnameseAlphabeticalOrder() {
        List<String> names = List.of("Nguyễn Thị Đào", "Trần Văn Dũng", "Nguyễn Văn An",
                "Lê Thị Ánh", "Phạm Thị Ân", "Đỗ Văn An", "Hoàng Ưng", "Vũ Thị Uyên", "Bùi Thị Mai");
        assertThat(VietnameseText.inListOrder(names, n -> n)).containsExactly("Đỗ Văn An", "Nguyễn Văn An",
                "Lê Thị Ánh", "Phạm Thị Ân", "Trần Văn Dũng", "Nguyễn Thị Đào", "Bùi Thị Mai", "Vũ Thị Uyên", "Hoàng Ưng");
    }
}
