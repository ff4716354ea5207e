package vn.bdg.registry.attendance;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.Fixtures;
import vn.bdg.registry.support.World;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attendance file is named diem-danh-&lt;course code&gt; (the contract), and course codes are
 * Vietnamese text: the name a browser saves must keep the code's letters (RFC 6266 filename* in
 * UTF-8, RFC 8187), with an ASCII filename beside it for old clients.
 */
class AttendanceFileNameIT {
    private final World world = World.create();

    private static final Pattern EXTENDED = Pattern.compile("filename\\*\\s*=\\s*UTF-8''([^;\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN = Pattern.compile("(?:^|;)\\s*filename\\s*=\\s*\"([^\"]*)\"");

    @Test
    void aCourseCodeWithVietnameseLettersKeepsThemInTheSavedFileName() {
        LocalDate day = LocalDate.now(Fixtures.VIETNAM).minusDays(1);
        UUID course = Fixtures.course(world, world.districtA, "running", day, day);
        Api.Res renamed = world.organizer.patch("/api/v1/courses/" + course, Map.of("code", "BĐG-Hòa An-01"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

        for (String format : new String[]{"csv", "xlsx"}) {
            Api.Res file = world.organizer.get("/api/v1/courses/" + course + "/attendance?format=" + format);
            assertThat(file.status()).as(file.body()).isEqualTo(200);
            String disposition = file.header("Content-Disposition");
            // the plain name: ASCII only, letters without their marks rather than a hyphen for each
            Matcher plain = PLAIN.matcher(disposition);
            assertThat(plain.find()).as(disposition).isTrue();
            assertThat(plain.group(1)).as(disposition).isEqualTo("diem-danh-BDG-Hoa-An-01." + format);
            // the name the contract gives, with the code's letters
            Matcher extended = EXTENDED.matcher(disposition);
            assertThat(extended.find()).as(disposition).isTrue();
            assertThat(URLDecoder.decode(extended.group(1), StandardCharsets.UTF_8)).as(disposition)
                    .isEqualTo("diem-danh-BĐG-Hòa-An-01." + format);
        }
    }
}
