package vn.bdg.registry.web;

import org.junit.jupiter.api.Test;
import vn.bdg.registry.support.Api;
import vn.bdg.registry.support.World;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers whose status an operation of api-docs/openapi.yaml did not list: the tests' contract
 * check (support/Contract) refuses a status that only the `default` answer would cover.
 */
class ContractStatusesIT {
    private final World world = World.create();

    /** A JSON body over the tests' MAX_REQUEST_BYTES (4 MB, pom.xml). */
    private static byte[] oversized() {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        return big;
    }

    @Test
    void certificateRoutesReadingABodyAnswer413ForOneTooLarge() {
        String course = UUID.randomUUID().toString();
        String participant = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/courses/" + course + "/certificates",
                "/api/v1/courses/" + course + "/certificates/" + participant,
                "/api/v1/courses/" + course + "/certificates/" + participant + "/withhold",
                "/api/v1/certificates/06-2026-000001/revoke")) {
            Api.Res res = world.organizer.send("POST", path, "application/json", oversized());
            assertThat(res.status()).as(path + ": " + res.body()).isEqualTo(413);
            assertThat(res.json().get("code").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void aRepeatedQueryParameterIsThe400TheContractNamesForEveryRoute() {
        // GET /api/v1/me lists no 400: the contract's "Errors" names this one for every route
        Api.Res res = world.organizer.get("/api/v1/me?x=1&x=2");
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.json().get("errors").get(0).get("code").asText()).isEqualTo("repeated_parameter");
    }
}
