package vn.bdg.registry;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.TestServer;
import vn.bdg.registry.support.World;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

/** Names given on the command line are stored as the API stores them: NFC, spaces collapsed. */
class CommandLineTextIT {
    private final TestServer server = TestServer.get();

    @Test
    void createUserStoresTheFullNameInNfc() throws Exception {
        World world = World.create();
        String username = "cli-nfc-" + world.province;
        // as a terminal on macOS may pass it: decomposed, with a doubled space
        String typed = Normalizer.normalize("Nguyễn  Thị Hoà ", Normalizer.Form.NFD);
        int code = new Main(server.config, new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new String[]{"create-user", "--username", username, "--password-stdin", "--role", "organizer",
                        "--province", world.province, "--full-name", typed});
        assertThat(code).isZero();
        Api user = World.login(username, "a long enough password");
        assertThat(user.get("/api/v1/me").json().get("fullName").asText()).isEqualTo("Nguyễn Thị Hoà");
    }
}
