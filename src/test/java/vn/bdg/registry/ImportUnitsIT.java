package vn.bdg.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bdg.registry.unit.UnitRepository;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** import-units on the files of the 2025 change-over: chains, mistakes that would loop, bad periods. */
class ImportUnitsIT {
    private static final String HEADER = "code,name,level,parent_code,valid_from,valid_to,successor_code\n";
    private final TestServer server = TestServer.get();
    private final World world = World.create();
    // 3 digits like an official district code, its communes 5
    private final String district = "8" + world.province.substring(2);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int importUnits(Path dir, String rows) throws Exception {
        Path file = dir.resolve("units-" + System.nanoTime() + ".csv");
        Files.writeString(file, HEADER + rows.formatted(district, world.province));
        return new Main(server.config, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("import-units", file.toString());
    }

    private boolean exists(String code) {
        return new UnitRepository(server.database.dsl()).find(code).isPresent();
    }

    @Test
    void aChainOfSuccessorsLoadsAndLoadsAgainUnchanged(@TempDir Path dir) throws Exception {
        String chain = """
                %1$s,Huyện Cũ,district,%2$s,,2025-06-30,
                %1$s01,Xã A,commune,%1$s,,2024-12-31,%1$s02
                %1$s02,Xã B,commune,%1$s,2025-01-01,2025-06-30,%1$s03
                %1$s03,Xã C,commune,%2$s,2025-07-01,,
                """;
        assertThat(importUnits(dir, chain)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(importUnits(dir, chain)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(new UnitRepository(server.database.dsl()).find(district + "01").orElseThrow().successorCode())
                .isEqualTo(district + "02");
    }

    @Test
    void successorsInACircleAreRefusedAndNothingIsImported(@TempDir Path dir) throws Exception {
        int status = importUnits(dir, """
                %1$s,Huyện Vòng,district,%2$s,,,
                %1$s11,Xã Đi,commune,%1$s,,2025-06-30,%1$s12
                %1$s12,Xã Về,commune,%1$s,,2025-06-30,%1$s11
                """);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(district + "11").contains("successor");
        assertThat(exists(district)).isFalse();
    }

    @Test
    void aParentThatIsNotAHigherLevelIsRefused(@TempDir Path dir) throws Exception {
        // two communes naming each other as parent would send every province look-up round for ever
        int status = importUnits(dir, """
                %1$s21,Xã Một,commune,%1$s22,,,
                %1$s22,Xã Hai,commune,%1$s21,,,
                """);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(district + "21").contains("parent");
        assertThat(exists(district + "21")).isFalse();
    }

    @Test
    void anEndBeforeTheStartIsNamedByItsLine(@TempDir Path dir) throws Exception {
        int status = importUnits(dir, """
                %1$s,Huyện Ngược,district,%2$s,,,
                %1$s31,Xã Ngược,commune,%1$s,2025-07-01,2025-06-30,
                """);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 3").contains("valid_to");
        assertThat(exists(district)).isFalse();
    }
}
